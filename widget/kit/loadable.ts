/** A value fetched from the server, as views need to see it: still loading, there, or failed. */
import { asApiError, type ApiError } from './api-error.js';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: ApiError };

export const loading = { state: 'loading' } as const;
export const ready = <T>(value: T): Loadable<T> => ({ state: 'ready', value });
export const failed = (error: unknown): Loadable<never> => ({ state: 'error', error: asApiError(error) });
