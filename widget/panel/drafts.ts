/**
 * Unsent text that survives moving to another page of the host site: the contact form's and a
 * reply's, kept in sessionStorage — this tab only, gone when it closes; never localStorage, which
 * would outlive the visit on a shared computer — under a key for the site (and the request).
 * Written as it is typed, read when the form opens, removed when it is sent; the member's features
 * remove them all on logout and when the session ends (member/requests-model.ts).
 */
const prefix = (site: string) => `porthole:${site}:draft:`;

/** Storage may be off (a privacy setting) or full: a draft then lives in memory only, as before. */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

export function keptDrafts(site: string) {
  const key = (what: string) => prefix(site) + what;
  return {
    /** What was kept under `what` ("contact", "request.1042"), as it was written; undefined if nothing (or not JSON). */
    read: (what: string): unknown => attempt(() => JSON.parse(sessionStorage.getItem(key(what)) ?? 'null') ?? undefined),
    /** Keeps `value`; undefined removes what was kept. */
    write: (what: string, value: unknown) =>
      attempt(() => (value === undefined ? sessionStorage.removeItem(key(what)) : sessionStorage.setItem(key(what), JSON.stringify(value)))),
    /** Removes every draft of this site (logout, or the session ended). */
    forgetAll: () =>
      attempt(() => {
        for (const name of Object.keys(sessionStorage)) if (name.startsWith(prefix(site))) sessionStorage.removeItem(name);
      }),
  };
}

export type KeptDrafts = ReturnType<typeof keptDrafts>;
