/** README.md's table of frameworks is what `npm run library:table` generates from the library. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, type Framework } from '@/lib/library';
import { libraryTable, TABLE_END, TABLE_START, withLibraryTable } from '@/lib/library/table';

describe('the README library table', () => {
  it('is up to date with the library (run npm run library:table after changing it)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(TABLE_START);
    expect(readme).toContain(TABLE_END);
    expect(withLibraryTable(readme, FRAMEWORKS), 'README.md is out of date: run npm run library:table').toBe(readme);
  });

  it('has one row per framework and keeps cells intact', () => {
    expect(libraryTable(FRAMEWORKS).split('\n')).toHaveLength(FRAMEWORKS.length + 2);
    const odd: Framework = { ...FRAMEWORKS[0]!, shortName: 'A | B', version: 'v1\nv2', source: { name: 'Name [x]', url: 'https://example.test/a (b)' }, status: 'superseded', supersededBy: 'NEW' };
    const row = libraryTable([odd]).split('\n')[2]!;
    expect(row).toContain('A \\| B');
    expect(row).toContain('| v1 v2 |');
    expect(row).toContain('[Name \\[x\\]](https://example.test/a%20%28b%29)');
    expect(row).toContain('superseded by `NEW`');
    expect(() => withLibraryTable('no markers', FRAMEWORKS)).toThrow(/markers/);
  });
});
