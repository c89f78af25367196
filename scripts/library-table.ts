/**
 * npm run library:table [-- --check]
 *
 * Rewrites the table of frameworks in README.md (between <!-- library-table:start --> and
 * <!-- library-table:end -->) from the regulation library (lib/library). --check only says
 * whether it is up to date: exit 1 when it is not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FRAMEWORKS } from '../lib/library';
import { withLibraryTable } from '../lib/library/table';

const file = path.resolve(__dirname, '..', 'README.md');
const before = readFileSync(file, 'utf8');
const after = withLibraryTable(before, FRAMEWORKS);
if (process.argv.includes('--check')) {
  console.log(after === before ? 'README.md: the library table is up to date.' : 'README.md: the library table is out of date: run npm run library:table.');
  process.exit(after === before ? 0 : 1);
}
if (after === before) console.log('README.md: the library table was already up to date.');
else {
  writeFileSync(file, after);
  console.log(`README.md: the library table now lists ${FRAMEWORKS.length} frameworks.`);
}
