/** Site token secrets shorter than this are refused where a site is created, rotated or loaded: a short HMAC key can be guessed. */
export const MIN_SITE_SECRET_BYTES = 32;

/** What a site slug may be (it names the site in widget URLs): anything else names no site, and is looked up nowhere. */
export const SITE_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
