/**
 * Readable colours around the site's colour, by WCAG 2's relative luminance and contrast ratio: the
 * text that sits on it (white or near-black, whichever contrasts more) and an "ink" — the site colour
 * mixed towards white or black until it reads as text on the panel's background. A site picks any
 * colour (#ffeb3b, a dark navy); these keep the panel at AA contrast whatever it picked.
 * A chunk of its own, fetched as the panel mounts (theme.ts): the first open carries only the palettes,
 * whose defaults read well on the default colour until this has run.
 */

/** Red, green, blue, 0–255. */
export type Rgb = number[];

export const WHITE: Rgb = [255, 255, 255];
/**
 * The dark text candidate: black, the only one that, with white, reaches 4.5:1 on every colour (a mid
 * grey like #777 is 4.48:1 with white and 4.69:1 with black, but 3.9:1 with the panel's dark grey text).
 */
export const DARK_TEXT: Rgb = [0, 0, 0];

/** `rgb(15, 118, 110)` or `rgba(…)`, as getComputedStyle reports colours given as hex, names, rgb or hsl; else undefined. */
export const parseRgb = (computed: string): Rgb | undefined =>
  /^rgba?\(/.test(computed)
    ? computed
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map(Number)
    : undefined;

/** Relative luminance (WCAG 2.x): 0 for black, 1 for white. */
export const luminance = (rgb: Rgb) =>
  rgb.reduce((sum, channel, i) => {
    const c = channel / 255;
    return sum + [0.2126, 0.7152, 0.0722][i] * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);

/** Contrast ratio, 1 (none) to 21 (black on white); the order of the two does not matter. */
export const contrast = (a: Rgb, b: Rgb) => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};

/** The text colour for the accent: the one with the higher contrast (a tie goes to white). */
export const textOn = (accent: Rgb) => (contrast(accent, DARK_TEXT) > contrast(accent, WHITE) ? DARK_TEXT : WHITE);

/**
 * The accent as text on `background`: itself when it already reaches `ratio`, else mixed in 5 % steps
 * towards white (on a dark background) or black (on a light one) until it does — the nearest colour to
 * the site's that is readable. The last step is pure white or black, which reaches 4.5:1 on any
 * background darker or lighter than the middle (luminance 0.18, where both contrasts are equal).
 */
export function inkOn(background: Rgb, accent: Rgb, ratio = 4.5): Rgb {
  const towards = luminance(background) < 0.18 ? 255 : 0;
  for (let step = 0; ; step++) {
    const mixed = accent.map((channel) => Math.round(channel + ((towards - channel) * step) / 20));
    if (step === 20 || contrast(mixed, background) >= ratio) return mixed;
  }
}

/** [15, 118, 110] → `rgb(15,118,110)` (an array's text is its items joined by commas). */
export const cssRgb = (rgb: Rgb) => `rgb(${rgb})`;

/** Per panel container, the hidden element its colours are read from. */
const probes = new WeakMap<HTMLElement, HTMLElement>();

/**
 * Sets --ph-on-accent and --ph-accent-ink on `container` (the panel's `.ph`, with its data-theme set)
 * and on `alsoOn`, from the accent and the panel's background as the browser resolved them — whatever
 * form the site's colour was given in (#0f766e, "teal", hsl(…)) — read off a hidden element beside
 * the container (not in it: the container's children are Preact's). With the container's data-theme,
 * [data-theme=dark] gives it the dark background; the light one is `.ph`'s, which it does not carry
 * (nothing that looks for the panel's `.ph` should find it).
 */
export function paintAccentText(container: HTMLElement, alsoOn: HTMLElement[]) {
  let probe = probes.get(container);
  if (!probe) {
    probe = document.createElement('span');
    probe.hidden = true;
    probe.style.color = 'var(--ph-accent,#1f2937)';
    probe.style.backgroundColor = 'var(--ph-bg,#fff)';
    container.after(probe);
    probes.set(container, probe);
  }
  probe.dataset.theme = container.dataset.theme;
  const style = getComputedStyle(probe);
  const accent = parseRgb(style.color);
  const background = parseRgb(style.backgroundColor);
  if (!accent || !background) return;
  for (const target of [container, ...alsoOn]) {
    target.style.setProperty('--ph-on-accent', cssRgb(textOn(accent)));
    target.style.setProperty('--ph-accent-ink', cssRgb(inkOn(background, accent)));
  }
}
