/** A made-up framework for the library's unit tests: every field filled, `over` wins. */
import type { Framework } from '@/lib/library';

export function madeUpFramework(code: string, over: Partial<Framework> = {}): Framework {
  return {
    code,
    family: code,
    name: `${code} (made up)`,
    shortName: code,
    version: '1',
    category: 'Quality',
    publisher: 'Nobody',
    status: 'current',
    text: 'public-domain',
    source: { name: 'fixture', url: 'https://example.test/' },
    coverage: 'partial',
    coverageNote: 'made up',
    clauses: [],
    ...over,
  };
}
