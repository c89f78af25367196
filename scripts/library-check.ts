/**
 * npm run library:check -- <folder> [--verbose]
 *
 * Checks the regulation library (lib/library) against a folder of reference files: every
 * *.json in it, each `{ framework, version, items: [{ id, title, withdrawn? }] }` (see
 * lib/library/check.ts for how files are matched and when one counts as complete). Prints,
 * per framework, the files used, complete or partial, and the unknown ids, missing ids,
 * withdrawn mismatches and title differences (long lists cut short; --verbose prints all),
 * then a summary line. Exit 0 no failure; 1 a library id missing from a complete reference;
 * 2 wrong usage (no folder, not a folder, a file that is not a reference file).
 */
import { FRAMEWORKS } from '../lib/library';
import { checkLibrary, formatCheck } from '../lib/library/check';
import { readReferenceFolder, ReferenceFolderError } from '../lib/library/reference-files';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run library:check -- <folder of reference *.json files> [--verbose]`);
  process.exit(2);
}

function main() {
  let folder: string | undefined;
  let verbose = false;
  for (const a of process.argv.slice(2)) {
    if (a === '--verbose' || a === '-v') verbose = true;
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (folder) usage('give one folder');
    else folder = a;
  }
  if (!folder) usage('give the folder of reference files to check against');
  let files;
  try {
    files = readReferenceFolder(folder);
  } catch (err) {
    if (err instanceof ReferenceFolderError) usage(err.message);
    throw err;
  }
  if (!files.length) usage(`${folder}: no *.json files in it`);
  const result = checkLibrary(FRAMEWORKS, files);
  console.log(formatCheck(result, { verbose }));
  process.exit(result.failed ? 1 : 0);
}

main();
