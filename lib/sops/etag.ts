/**
 * A draft's revision as an HTTP entity tag, `"r<revision>"`: written once for the routes that
 * send and check it and for the editor that echoes it back. No server imports, because the
 * browser bundle uses it too.
 */
export function etagOf(revision: number): string {
  return `"r${revision}"`;
}

/** The revision an ETag or If-Match value names (a weak `W/` tag too), or null when it names none. */
export function revisionOf(tag: string | null | undefined): number | null {
  const m = tag?.trim().match(/^(?:W\/)?"r(\d{1,9})"$/);
  return m ? Number(m[1]) : null;
}
