/** widget/i18n/format.ts: the plural and file-size helpers every locale's tables count with. */
import { describe, expect, it } from 'vitest';
import { fileSize, plural } from '../../widget/i18n/format.js';

describe('plural', () => {
  it('picks the form the language’s rules name, else `other`', () => {
    const english = plural('en', { one: () => 'one request', other: (count) => `${count} requests` });
    expect([0, 1, 2].map(english)).toEqual(['0 requests', 'one request', '2 requests']);
    // French counts 0 as one.
    const french = plural('fr', { one: (count) => `${count} demande`, other: (count) => `${count} demandes` });
    expect([0, 1, 2].map(french)).toEqual(['0 demande', '1 demande', '2 demandes']);
    const arabic = plural('ar', { two: () => 'two', few: () => 'few', other: () => 'other' });
    expect([0, 1, 2, 3, 11, 100].map(arabic)).toEqual(['other', 'other', 'two', 'few', 'other', 'other']);
  });
});

describe('fileSize', () => {
  it('writes bytes, kilobytes and megabytes of 1024 in the locale’s units and decimal mark, in Western digits', () => {
    const english = fileSize('en', ['B', 'KB', 'MB']);
    expect([700, 1024, 1536, 20 * 1024 * 1024].map(english)).toEqual(['700 B', '1 KB', '1.5 KB', '20 MB']);
    expect(fileSize('fr', ['o', 'Ko', 'Mo'])(1536)).toBe('1,5 Ko');
    expect(fileSize('ar', ['بايت', 'كيلوبايت', 'ميغابايت'])(7.5 * 1024 * 1024)).toBe('7.5 ميغابايت');
  });
});
