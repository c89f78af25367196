/**
 * The regulation library: frameworks and their citable clauses, written by SOPwright.
 * Ids follow each publisher's own numbering and are taken only from the public source the
 * framework names; titles and keywords are our own words, never a standard's text.
 */
export interface Clause {
  /** The citation id as auditors write it, e.g. "11.10", "7.5.3", "GV.OC-01", "Art. 32", "Subpart I". */
  id: string;
  /** A short heading in our own words (for public-domain law it may follow the official heading). */
  title: string;
  /** Words that suggest this clause applies (offline drafter, suggestions and gap analysis). Lower case; a stem matches longer words. */
  keywords?: string[];
  /**
   * A heading that groups clauses (subpart, chapter, family, function, category): citable, but
   * not counted in coverage. Leaves are everything else.
   */
  group?: true;
  /** Withdrawn by the publisher within this edition: readable, never proposed, not counted. */
  withdrawn?: { note: string; replacedBy?: string[] };
}

export type FrameworkCategory = 'Life sciences' | 'Food safety' | 'Quality' | 'Health and safety' | 'Healthcare' | 'Security and privacy' | 'AI governance' | 'Finance';

/** How a reference file (`{framework, version, items:[{id,title}]}`) is recognised as this framework's, for `npm run library:check`. */
export interface ReferenceMatch {
  /** Tested against the reference file's `framework` field. */
  framework: RegExp;
  /** Tested against its `version` field, when the framework field alone is ambiguous. */
  version?: RegExp;
  /** Compare only the reference's withdrawn items (a superseded edition listed inside its successor's file). */
  withdrawnOnly?: true;
  /** A prefix the reference puts on these ids (e.g. "QSR "), removed before comparing. */
  stripPrefix?: string;
  /**
   * Ids read in another public source that the reference files lack (say which, in a comment in
   * the framework's file): not counted as unknown, but listed by `npm run library:check`.
   */
  beyondReference?: string[];
}

export interface Framework {
  /** Stable citation code. An edition change gets a new code, so an SOP keeps citing the edition it was written against. */
  code: string;
  /** Editions of one framework share a family, e.g. "NIST-800-171". */
  family: string;
  /** Full name, e.g. "21 CFR Part 211 — Current good manufacturing practice for finished pharmaceuticals". */
  name: string;
  /** Short label for chips and charts, e.g. "21 CFR 211". */
  shortName: string;
  /** Edition or revision, e.g. "Revision 3 (2024)". */
  version: string;
  category: FrameworkCategory;
  publisher: string;
  /** `current` editions are offered for new work; `superseded` ones stay readable for the SOPs that cite them. */
  status: 'current' | 'superseded';
  /** Code of the edition that replaced this one. */
  supersededBy?: string;
  /** Old id → ids in the successor edition, only where the publisher maps them. */
  successorMap?: Record<string, string[]>;
  /** `public-domain`: government text (CFR, NIST, EU law); `copyrighted`: only ids and our own short titles are shipped. */
  text: 'public-domain' | 'copyrighted';
  /** The public source the ids were taken from: every id in `clauses` can be found there. */
  source: { name: string; url: string };
  /** `complete`: every clause SOPs cite is here; `partial`: some levels or parts are missing (said in coverageNote); `unsourced`: no public source for clause ids was found, so none are shipped. */
  coverage: 'complete' | 'partial' | 'unsourced';
  /** What is in and what is missing, in a sentence or two, for the library page. */
  coverageNote: string;
  /** Recognises this framework's file(s) in a reference folder. */
  reference?: ReferenceMatch;
  clauses: Clause[];
}
