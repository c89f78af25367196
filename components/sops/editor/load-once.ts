/**
 * A part of the editor fetched with `import()` after the first paint, once, and kept: `loaded()`
 * is it (or null while it is on its way), `load()` fetches it; a failed fetch (offline) is tried
 * again by the next `load()`.
 */
export function loadOnce<T>(fetchIt: () => Promise<T>): { loaded: () => T | null; load: () => Promise<T> } {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    loaded: () => value,
    load: () =>
      (pending ??= fetchIt().then(
        (v) => (value = v),
        (err: unknown) => {
          pending = null;
          throw err;
        },
      )),
  };
}
