// PostgreSQL's timestamptz text becomes the domain's ISO string (server/store/pg/columns.ts), by the fast path and the slow.
import { expect, it } from 'vitest';
import { isoFromDriver } from '../../../server/store/pg/columns.js';

it('reads UTC text with any fraction, another zone, and a Date as the same ISO instants a Date would give', () => {
  const cases: [Date | string, string][] = [
    ['2026-12-01 19:20:19.123+00', '2026-12-01T19:20:19.123Z'],
    ['2026-12-01 19:20:19.12+00', '2026-12-01T19:20:19.120Z'],
    ['2026-12-01 19:20:19.1+00', '2026-12-01T19:20:19.100Z'],
    ['2026-12-01 19:20:19+00', '2026-12-01T19:20:19.000Z'],
    ['2026-12-01 20:20:19.5+01', '2026-12-01T19:20:19.500Z'],
    [new Date('2026-12-01T19:20:19.007Z'), '2026-12-01T19:20:19.007Z'],
  ];
  for (const [driver, iso] of cases) {
    expect(isoFromDriver(driver)).toBe(iso);
    expect(isoFromDriver(driver)).toBe(new Date(driver).toISOString());
  }
});
