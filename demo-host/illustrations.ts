import { escapeHtml } from './escape-html.js';

// Inline SVG art, so the shop needs no image files and the hostile `svg { … }`
// rule on the stress page has something real to hit. Colours come from CSS
// classes in site.css; presentation attributes only, never `style=`.

/** A landscape for the home page hero. */
export const heroArt =
  '<svg class="hero-art" viewBox="0 0 480 320" role="img" aria-label="Mountains at sunrise">' +
  '<rect class="art-sky" width="480" height="320"/>' +
  '<circle class="art-sun" cx="350" cy="110" r="42"/>' +
  '<path class="art-far" d="M0 230 L90 140 L150 190 L240 90 L330 200 L400 150 L480 210 L480 320 L0 320 Z"/>' +
  '<path class="art-near" d="M0 270 L120 190 L210 250 L300 180 L480 280 L480 320 L0 320 Z"/>' +
  '<path class="art-tent" d="M180 292 L222 232 L264 292 Z"/>' +
  '<path class="art-door" d="M222 292 L222 250 L238 292 Z"/></svg>';

/** A tent picture for a product card; `tone` picks the fabric colour class. */
export function tentArt(tone: 'sage' | 'ember' | 'glacier', label: string): string {
  return (
    `<svg class="tent-art tent-art--${tone}" viewBox="0 0 320 200" role="img" aria-label="${escapeHtml(label)}">` +
    '<rect class="art-backdrop" width="320" height="200"/>' +
    '<path class="art-ground" d="M0 160 Q160 140 320 160 L320 200 L0 200 Z"/>' +
    '<path class="art-fabric" d="M70 165 L160 55 L250 165 Z"/>' +
    '<path class="art-fabric-shade" d="M160 55 L250 165 L200 165 Z"/>' +
    '<path class="art-door" d="M160 165 L160 105 L185 165 Z"/>' +
    '<path class="art-pole" d="M160 55 L160 45" stroke-width="4" stroke-linecap="round"/></svg>'
  );
}

/** /favicon.svg: the logo peak on its own, so browsers stop asking for a missing /favicon.ico. */
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="7" fill="#2f6b4f"/>' +
  '<path d="M4 25 L13 9 L17.5 16.5 L21 12 L28 25 Z" fill="#fff"/></svg>\n';
