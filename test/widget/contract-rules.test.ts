/**
 * server/contract/rules.ts: the checks the widget runs before sending a request and the server runs
 * before storing one. Pure functions, no DOM.
 */
import { describe, expect, test } from 'vitest';
import { checkNewRequest, isEmail, LIMITS, lineProblem, normalizeEmail, type CategoryFieldRule, type NewRequestInput } from '../../server/contract/rules.js';

const orderNumber: CategoryFieldRule = { key: 'orderNumber', label: 'Order number', type: 'text', required: true, maxLength: 20 };
const invoiceNumber: CategoryFieldRule = { key: 'invoiceNumber', label: 'Invoice number', type: 'text', required: false, maxLength: 40 };
const productType: CategoryFieldRule = {
  key: 'productType',
  label: 'Product type',
  type: 'select',
  required: true,
  options: ['Tents', 'Backpacks', 'Clothing', 'Footwear', 'Other'],
};

const valid = (change: Partial<NewRequestInput> = {}): NewRequestInput => ({
  subject: 'Where is my parcel?',
  description: 'Ordered two weeks ago.',
  email: 'sam@example.org',
  ...change,
});

describe('checkNewRequest', () => {
  test('a complete request has no problems', () => {
    expect(checkNewRequest(valid(), [], false)).toEqual({});
    expect(checkNewRequest(valid({ name: 'Sam Lee', fields: { orderNumber: 'NW-10042' } }), [orderNumber], false)).toEqual({});
  });

  test('subject, description and email are required; blank counts as missing', () => {
    expect(checkNewRequest({ subject: '', description: '' }, [], false)).toEqual({ subject: 'required', description: 'required', email: 'required' });
    expect(checkNewRequest({ subject: '   ', description: '\n\t ', email: '  ' }, [], false)).toEqual({
      subject: 'required',
      description: 'required',
      email: 'required',
    });
  });

  test('a signed-in member may leave out the email, but not give a bad one', () => {
    expect(checkNewRequest(valid({ email: undefined }), [], true)).toEqual({});
    expect(checkNewRequest(valid({ email: '' }), [], true)).toEqual({});
    expect(checkNewRequest(valid({ email: 'not-an-email' }), [], true)).toEqual({ email: 'invalid_email' });
    expect(checkNewRequest(valid({ email: undefined }), [], false)).toEqual({ email: 'required' });
  });

  test.each([
    ['no at sign', 'sam.example.org'],
    ['no dot in the domain', 'sam@example'],
    ['a space inside', 'sam lee@example.org'],
    ['two at signs', 'sam@@example.org'],
    ['an empty label in the domain', 'sam@example..org'],
    ['nothing before the at sign', '@example.org'],
  ])('an email with %s is invalid', (_, email) => {
    expect(checkNewRequest(valid({ email }), [], false)).toEqual({ email: 'invalid_email' });
  });

  test('an email with surrounding spaces is accepted (it is trimmed)', () => {
    expect(checkNewRequest(valid({ email: '  sam@mail.example.co.uk ' }), [], false)).toEqual({});
  });

  test('control characters are refused in single-line fields', () => {
    expect(checkNewRequest(valid({ subject: 'Hi\u0000there' }), [], false)).toEqual({ subject: 'control_characters' });
    expect(checkNewRequest(valid({ subject: 'Line one\nBcc: x@evil.test' }), [], false)).toEqual({ subject: 'control_characters' });
    expect(checkNewRequest(valid({ name: 'Sam\u001b[31m' }), [], false)).toEqual({ name: 'control_characters' });
    expect(checkNewRequest(valid({ email: 'sam@example.org\r\nBcc: x@evil.test' }), [], false)).toEqual({ email: 'control_characters' });
    expect(checkNewRequest(valid({ fields: { orderNumber: 'NW\u007f1' } }), [orderNumber], false)).toEqual({ 'fields.orderNumber': 'control_characters' });
  });

  test('the description may span lines and use tabs', () => {
    expect(checkNewRequest(valid({ description: 'Step 1:\n\tOpen the app\r\nStep 2: crash' }), [], false)).toEqual({});
  });

  test('lengths are capped: subject, name, description and each field', () => {
    expect(checkNewRequest(valid({ subject: 'x'.repeat(LIMITS.subject) }), [], false)).toEqual({});
    expect(checkNewRequest(valid({ subject: 'x'.repeat(LIMITS.subject + 1) }), [], false)).toEqual({ subject: 'too_long' });
    expect(checkNewRequest(valid({ name: 'x'.repeat(LIMITS.name + 1) }), [], false)).toEqual({ name: 'too_long' });
    expect(checkNewRequest(valid({ description: 'x'.repeat(LIMITS.description) }), [], false)).toEqual({});
    expect(checkNewRequest(valid({ description: 'x'.repeat(LIMITS.description + 1) }), [], false)).toEqual({ description: 'too_long' });
    // A field's own maxLength wins over the general limit.
    expect(checkNewRequest(valid({ fields: { orderNumber: '1'.repeat(20) } }), [orderNumber], false)).toEqual({});
    expect(checkNewRequest(valid({ fields: { orderNumber: '1'.repeat(21) } }), [orderNumber], false)).toEqual({ 'fields.orderNumber': 'too_long' });
    const noMax: CategoryFieldRule = { key: 'note', label: 'Note', type: 'text', required: false };
    expect(checkNewRequest(valid({ fields: { note: 'x'.repeat(LIMITS.fieldValue + 1) } }), [noMax], false)).toEqual({ 'fields.note': 'too_long' });
  });

  test('an email longer than the limit is refused', () => {
    const long = `${'a'.repeat(LIMITS.email)}@example.org`;
    expect(checkNewRequest(valid({ email: long }), [], false)).toEqual({ email: 'too_long' });
  });

  test('a category’s required field must be filled in; an optional one may be left out', () => {
    expect(checkNewRequest(valid(), [orderNumber], false)).toEqual({ 'fields.orderNumber': 'required' });
    expect(checkNewRequest(valid({ fields: { orderNumber: '   ' } }), [orderNumber], false)).toEqual({ 'fields.orderNumber': 'required' });
    expect(checkNewRequest(valid(), [invoiceNumber], false)).toEqual({});
    expect(checkNewRequest(valid({ fields: { invoiceNumber: '' } }), [invoiceNumber], false)).toEqual({});
  });

  test('a select field accepts only one of its options', () => {
    expect(checkNewRequest(valid({ fields: { productType: 'Tents' } }), [productType], false)).toEqual({});
    expect(checkNewRequest(valid({ fields: { productType: ' Tents ' } }), [productType], false)).toEqual({});
    expect(checkNewRequest(valid({ fields: { productType: 'tents' } }), [productType], false)).toEqual({ 'fields.productType': 'invalid_choice' });
    expect(checkNewRequest(valid({ fields: { productType: 'Kayaks' } }), [productType], false)).toEqual({ 'fields.productType': 'invalid_choice' });
    expect(checkNewRequest(valid(), [productType], false)).toEqual({ 'fields.productType': 'required' });
  });

  test('fields the category does not have are refused by name', () => {
    expect(checkNewRequest(valid({ fields: { orderNumber: 'NW-1', colour: 'red' } }), [orderNumber], false)).toEqual({ 'fields.colour': 'unknown_field' });
    expect(checkNewRequest(valid({ fields: { orderNumber: 'NW-1' } }), [], false)).toEqual({ 'fields.orderNumber': 'unknown_field' });
  });

  test('every problem is reported at once, each under its own path', () => {
    expect(checkNewRequest({ subject: ' ', description: 'ok', email: 'nope', fields: { colour: 'red' } }, [orderNumber, productType], false)).toEqual({
      subject: 'required',
      email: 'invalid_email',
      'fields.colour': 'unknown_field',
      'fields.orderNumber': 'required',
      'fields.productType': 'required',
    });
  });
});

describe('email helpers', () => {
  test('isEmail and normalizeEmail', () => {
    expect(isEmail('sam@example.org')).toBe(true);
    expect(isEmail('sam@example')).toBe(false);
    expect(normalizeEmail('  Sam@Example.ORG ')).toBe('sam@example.org');
  });
});

describe('single-line text (subjects, names, field values): lineProblem', () => {
  // Written as escapes: this file stays free of the characters it is about.
  test.each([
    ['a C0 control (ESC)', 'Sam\u001b[31m'],
    ['DEL', 'Sam\u007f'],
    ['a C1 control', 'Sam\u0090'],
    ['U+0085, the next-line control', 'Line one\u0085Bcc: x@evil.test'],
    ['the line separator U+2028', 'Line one\u2028two'],
    ['the paragraph separator U+2029', 'Line one\u2029two'],
    ['a right-to-left override U+202E', 'invoice\u202Efdp.exe'],
    ['a left-to-right embedding U+202A', '\u202Aabc'],
    ['a first-strong isolate U+2068', 'Sam \u2068admin\u2069'],
    ['a right-to-left isolate U+2067', '\u2067abc'],
    ['a lone high surrogate', 'Sam\uD800'],
    ['a lone low surrogate', '\uDC00Sam'],
  ])('refuses %s', (_, value) => {
    expect(lineProblem(value)).toBe('control_characters');
    expect(checkNewRequest(valid({ subject: value }), [], false)).toEqual({ subject: 'control_characters' });
  });

  test.each([
    ['zero-width spaces', '\u200B\u200B'],
    ['joiners and a word joiner', '\u200C\u200D\u2060'],
    ['a byte-order mark and a soft hyphen', '\uFEFF\u00AD'],
    ['combining marks only', '\u0301\u0308'],
    ['no-break and ideographic spaces around a zero-width space', '\u00A0\u200B\u3000'],
    ['a Hangul filler', '\u3164'],
  ])('refuses text made only of invisible characters: %s', (_, value) => {
    expect(lineProblem(value)).toBe('invisible');
    expect(checkNewRequest(valid({ subject: value, name: value }), [], false)).toEqual({ subject: 'invisible', name: 'invisible' });
  });

  test('accepts ordinary text in any script, emoji (surrogate pairs), and invisible characters beside visible ones', () => {
    for (const value of [
      'Où est mon colis ?',
      'طلبي لم يصل',
      '注文が届きません',
      'Parcel 📦 missing',
      'Zo\u00EB',
      'e\u0301clair',
      'family: \u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
    ]) {
      expect(lineProblem(value), value).toBeUndefined();
    }
    expect(checkNewRequest(valid({ subject: 'طلبي لم يصل', name: 'Zoë 📦', fields: { orderNumber: 'NW-1' } }), [orderNumber], false)).toEqual({});
  });

  test('field values and emails follow the same rule', () => {
    expect(checkNewRequest(valid({ fields: { orderNumber: 'NW\u20661' } }), [orderNumber], false)).toEqual({ 'fields.orderNumber': 'control_characters' });
    expect(checkNewRequest(valid({ fields: { orderNumber: '\u200B' } }), [orderNumber], false)).toEqual({ 'fields.orderNumber': 'invisible' });
    expect(isEmail('sam\u202E@example.org')).toBe(false);
    expect(checkNewRequest(valid({ email: 'sam\u2028@example.org' }), [], false)).toEqual({ email: 'control_characters' });
  });

  test('the description keeps line breaks, tabs and bidi controls, but refuses other controls, lone surrogates and invisible-only text', () => {
    expect(checkNewRequest(valid({ description: 'Step 1:\n\tOpen the app\r\nمرحبا \u202Babc\u202C\u2029next' }), [], false)).toEqual({});
    expect(checkNewRequest(valid({ description: 'bell\u0007' }), [], false)).toEqual({ description: 'control_characters' });
    expect(checkNewRequest(valid({ description: 'next line\u0085' }), [], false)).toEqual({ description: 'control_characters' });
    expect(checkNewRequest(valid({ description: 'half \uD83D' }), [], false)).toEqual({ description: 'control_characters' });
    expect(checkNewRequest(valid({ description: '\u200B\n\u200B' }), [], false)).toEqual({ description: 'invisible' });
  });
});
