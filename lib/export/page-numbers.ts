/**
 * Laid-out page numbers, kept: laying a long SOP's pages out (docx/layout) is almost all of an
 * export's time, and a version's content never changes, so the page numbers of its table of
 * contents are worked out once and kept (lib/export/cache), then written into every later render
 * of the same document without laying it out again.
 *
 * What is kept is what docx/layout gave: the list numbers of the headings and the page each
 * bookmark starts on, with the page count. `docx` names the headings' bookmarks from a counter
 * that runs for the whole process (_Toc1, _Toc13 …), so they are kept by their order in the body.
 * A kept result is used only when the body it is written into is the one it was laid out from
 * (a SHA-256 of the body as docx gives it to the layout, bookmark names numbered by order, ids
 * left out): any
 * other body, such as one from a newer version of the export code, is laid out afresh.
 */
import { createHash } from 'node:crypto';
import type { BookmarkListNumber, EstimatedPageNumbers, PageNumberEstimator } from 'docx';
import { estimatePageNumbers } from 'docx/layout';

/**
 * Part of the key a result is kept under (lib/export/cache, with the styles): change it when the
 * layout can differ for the same export document and body — a new docx version, or a change to
 * the header, footer or page geometry, which the body fingerprint does not see.
 * tests/unit/export-page-numbers.test.ts checks the docx version.
 */
export const LAYOUT_REVISION = 'docx 9.15.2; export layout 1';

/** A bookmark by its place among the body's bookmarks (a number), or by its own name. */
type Ref = number | string;

export interface KeptPageNumbers {
  /** Fingerprint of the body the list numbers were worked out from. */
  listBody?: string;
  listNumbers?: [Ref, BookmarkListNumber][];
  /** Fingerprint of the body the pages were laid out from. */
  body?: string;
  pages?: {
    bookmarks: [Ref, string][];
    pageCount?: number;
    sectionPageCounts?: (number | null)[];
    bookmarkPageNumbers?: [Ref, number][];
    relativePositions?: [Ref, (string | null)[]][];
  };
}

const BOOKMARK = /_Toc\d+/g;
/** Bookmarks' numeric ids, from the same kind of counter; the layout does not read them. */
const NUMERIC_ID = /"w:id":"?\d+"?/g;

/** The body's bookmark names in order, and its fingerprint with them numbered by that order (and ids left out). */
function readBody(body: unknown): { names: string[]; fingerprint: string } {
  const json = JSON.stringify(body);
  const index = new Map<string, number>();
  const normalized = json.replace(BOOKMARK, (name) => {
    let i = index.get(name);
    if (i === undefined) index.set(name, (i = index.size));
    return `_Toc#${i}`;
  }).replace(NUMERIC_ID, '"w:id":0');
  return { names: [...index.keys()], fingerprint: createHash('sha256').update(normalized).digest('hex') };
}

const toRefs = <V>(map: ReadonlyMap<string, V> | undefined, names: string[]): [Ref, V][] | undefined => {
  if (!map) return undefined;
  const at = new Map(names.map((n, i) => [n, i]));
  return [...map].map(([name, v]) => [at.get(name) ?? name, v]);
};
const fromRefs = <V>(refs: [Ref, V][] | undefined, names: string[]): Map<string, V> | undefined =>
  refs && new Map(refs.map(([ref, v]) => [typeof ref === 'number' ? names[ref]! : ref, v]));

const nullable = <T>(xs: readonly (T | undefined)[] | undefined) => xs?.map((x) => x ?? null);
const optional = <T>(xs: (T | null)[] | undefined) => xs?.map((x) => x ?? undefined);

/**
 * docx/layout's estimator, answering from `kept` where it fits the body, laying the pages out
 * where not. computed() gives what to keep afterwards: undefined when nothing was laid out.
 */
export function keptPageNumberEstimator(kept?: KeptPageNumbers): { estimator: PageNumberEstimator; computed: () => KeptPageNumbers | undefined } {
  const result: KeptPageNumbers = { ...kept };
  let laidOut = false;

  const listNumbers = (body: Parameters<NonNullable<PageNumberEstimator['listNumbers']>>[0], context: Parameters<PageNumberEstimator>[1]) => {
    const { names, fingerprint } = readBody(body);
    if (kept?.listBody === fingerprint && kept.listNumbers) return fromRefs(kept.listNumbers, names)!;
    const numbers = estimatePageNumbers.listNumbers!(body, context);
    laidOut = true;
    Object.assign(result, { listBody: fingerprint, listNumbers: toRefs(numbers, names) });
    return numbers;
  };

  const estimate = (body: Parameters<PageNumberEstimator>[0], context: Parameters<PageNumberEstimator>[1]): EstimatedPageNumbers => {
    const { names, fingerprint } = readBody(body);
    const pages = kept?.body === fingerprint ? kept.pages : undefined;
    if (pages) {
      return {
        bookmarks: fromRefs(pages.bookmarks, names)!,
        ...(pages.pageCount === undefined ? {} : { pageCount: pages.pageCount }),
        sectionPageCounts: optional(pages.sectionPageCounts),
        bookmarkPageNumbers: fromRefs(pages.bookmarkPageNumbers, names),
        relativePositions: fromRefs(pages.relativePositions, names) as Map<string, (string | undefined)[]> | undefined,
      };
    }
    const estimated = estimatePageNumbers(body, context);
    laidOut = true;
    result.body = fingerprint;
    result.pages = {
      bookmarks: toRefs(estimated.bookmarks, names)!,
      ...(estimated.pageCount === undefined ? {} : { pageCount: estimated.pageCount }),
      sectionPageCounts: nullable(estimated.sectionPageCounts),
      bookmarkPageNumbers: toRefs(estimated.bookmarkPageNumbers, names),
      relativePositions: toRefs(estimated.relativePositions, names)?.map(([r, v]) => [r, nullable(v)!]),
    };
    return estimated;
  };

  return { estimator: Object.assign(estimate, { listNumbers }), computed: () => (laidOut ? result : undefined) };
}
