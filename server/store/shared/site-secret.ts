/**
 * Site token secrets shorter than this are refused where a site is created or its secret rotated,
 * by either adapter (the SQLite adapter still has its own copy in sqlite/sites.ts; the integrator
 * points it here).
 */
export const MIN_SITE_SECRET_BYTES = 32;

export function requireSiteSecret(secret: string, what: string): void {
  if (Buffer.byteLength(secret) < MIN_SITE_SECRET_BYTES) throw new Error(`${what} is shorter than ${MIN_SITE_SECRET_BYTES} bytes`);
}
