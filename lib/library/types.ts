/** The regulation library: frameworks and their citable clauses, written by SOPwright. */
export interface Clause {
  /** The citation id as auditors write it, e.g. "11.10", "7.5.3", "HACCP-P4", "Subpart I". */
  id: string;
  title: string;
  /** Words that suggest this clause applies (offline drafter's keyword match). */
  keywords?: string[];
}

export interface Framework {
  code: string;
  name: string;
  version: string;
  /** Where the clause ids come from, for the reader. */
  source: string;
  clauses: Clause[];
}
