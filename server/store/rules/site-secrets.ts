/** Site token secrets shorter than this are refused where a site is created, rotated or loaded: a short HMAC key can be guessed. */
export const MIN_SITE_SECRET_BYTES = 32;
