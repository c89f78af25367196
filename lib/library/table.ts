/**
 * The README's table of every framework in the library, generated from it so that it stays
 * true when the data changes: `npm run library:table` rewrites README.md between the markers,
 * and tests/unit/library-table.test.ts fails when the two differ.
 */
import type { Framework } from './types';

export const TABLE_START = '<!-- library-table:start -->';
export const TABLE_END = '<!-- library-table:end -->';

const COVERAGE: Record<Framework['coverage'], string> = { complete: 'complete', partial: 'partial', unsourced: 'not sourced' };

/** Text for a table cell: no pipes, no line breaks. */
const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const linkText = (s: string) => cell(s).replace(/([[\]])/g, '\\$1');
const linkUrl = (u: string) => u.replace(/[()\s|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

export function libraryTable(frameworks: readonly Framework[]): string {
  const rows = frameworks.map((f) => {
    const name = `${cell(f.shortName)} (\`${f.code}\`)${f.status === 'superseded' ? `, superseded${f.supersededBy ? ` by \`${f.supersededBy}\`` : ''}` : ''}`;
    const coverage = `${COVERAGE[f.coverage]}${f.clauses.length ? `, ${f.clauses.length} ids` : ''}`;
    const source = f.source.url ? `[${linkText(f.source.name || f.source.url)}](${linkUrl(f.source.url)})` : '—';
    return `| ${name} | ${cell(f.version) || '—'} | ${coverage} | ${source} |`;
  });
  return ['| Framework | Edition | Coverage | Source |', '|---|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by the table; throws when the markers are missing. */
export function withLibraryTable(readme: string, frameworks: readonly Framework[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${libraryTable(frameworks)}\n${readme.slice(end)}`;
}
