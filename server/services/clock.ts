/** Services take the time from an injected clock, so tests can move it (expiry, auto-close, keys). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
