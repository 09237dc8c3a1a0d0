// The text on the site's colour and its ink on the panel's backgrounds (widget/panel/accent/accent-text.ts):
// WCAG 2 relative luminance and contrast, checked against known values.
import { describe, expect, it } from 'vitest';
import { DARK_TEXT, WHITE, contrast, cssRgb, inkOn, luminance, parseRgb, textOn } from '../../widget/panel/accent/accent-text.js';

const hex = (value: string) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
const LIGHT_BG = WHITE;
const DARK_BG = hex('#15181c');

describe('accent text', () => {
  it('computes relative luminance and contrast as WCAG defines them', () => {
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance(WHITE)).toBeCloseTo(1, 10);
    expect(contrast([0, 0, 0], WHITE)).toBeCloseTo(21, 10);
    expect(contrast(WHITE, [0, 0, 0])).toBeCloseTo(21, 10);
    expect(contrast(hex('#777777'), WHITE)).toBeCloseTo(4.48, 2); // the classic just-below-AA grey
  });

  it('puts dark text on a light colour and white on a dark one', () => {
    expect(textOn(hex('#ffeb3b'))).toEqual(DARK_TEXT);
    expect(textOn(hex('#0f766e'))).toEqual(WHITE);
    expect(textOn(hex('#1f2937'))).toEqual(WHITE);
    expect(textOn(WHITE)).toEqual(DARK_TEXT);
  });

  it('picks the higher contrast at the mid greys, where either candidate is close', () => {
    for (const grey of ['#777777', '#808080', '#8a8a8a', '#6f6f6f']) {
      const accent = hex(grey);
      const other = textOn(accent) === WHITE ? DARK_TEXT : WHITE;
      expect(contrast(accent, textOn(accent)), grey).toBeGreaterThanOrEqual(contrast(accent, other));
    }
  });

  it('reaches AA for text on any accent it is given', () => {
    for (const color of ['#ffeb3b', '#0f766e', '#777777', '#1d4ed8', '#e11d48', '#22c55e', '#000000', '#ffffff']) {
      expect(contrast(hex(color), textOn(hex(color))), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps an accent that already reads as ink, and tints one that does not until it reaches 4.5:1', () => {
    expect(inkOn(LIGHT_BG, hex('#0f766e'))).toEqual(hex('#0f766e'));
    for (const [background, color] of [
      [DARK_BG, '#0f766e'],
      [DARK_BG, '#1f2937'],
      [DARK_BG, '#000000'],
      [LIGHT_BG, '#ffeb3b'],
      [LIGHT_BG, '#ffffff'],
    ] as const) {
      const ink = inkOn(background, hex(color));
      expect(contrast(ink, background), color).toBeGreaterThanOrEqual(4.5);
      expect(ink, color).not.toEqual(hex(color));
    }
    // A dark background lightens the accent, a light one darkens it.
    expect(luminance(inkOn(DARK_BG, hex('#0f766e')))).toBeGreaterThan(luminance(hex('#0f766e')));
    expect(luminance(inkOn(LIGHT_BG, hex('#ffeb3b')))).toBeLessThan(luminance(hex('#ffeb3b')));
  });

  it('reads colours as getComputedStyle reports them, and nothing else', () => {
    expect(parseRgb('rgb(15, 118, 110)')).toEqual([15, 118, 110]);
    expect(parseRgb('rgba(255, 235, 59, 0.5)')).toEqual([255, 235, 59]);
    expect(parseRgb('oklch(0.5 0.1 180)')).toBeUndefined();
    expect(parseRgb('')).toBeUndefined();
    expect(cssRgb([15, 118, 110])).toBe('rgb(15,118,110)');
  });
});
