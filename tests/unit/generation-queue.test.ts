/**
 * The pg-boss schema is the migrator's (supabase/migrations/…_generation_queue.sql), and the app
 * starts pg-boss with migrate: false, which refuses a schema of another version at start. This
 * keeps the two together before that: the installed pg-boss must be the one whose schema the
 * migrations created, so a pg-boss upgrade comes with its migration (PgBoss.getMigrationPlans).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';

const dir = path.join(process.cwd(), 'supabase', 'migrations');
const migrations = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const require = createRequire(import.meta.url);

describe('the pg-boss schema', () => {
  it('is at the version the installed pg-boss expects', () => {
    const expected = (require('pg-boss/version.json') as { schema: number }).schema;
    const versions = migrations.flatMap((sql) => [...sql.matchAll(/INSERT INTO pgboss\.version\(version\) VALUES \('(\d+)'\)|update pgboss\.version set version = (\d+)/gi)].map((m) => Number(m[1] ?? m[2])));
    expect(versions.at(-1)).toBe(expected);
  });

  it('was created from pg-boss\'s own construction plan, without its transaction (the migrator has one)', () => {
    const plan = PgBoss.getConstructionPlans('pgboss')
      .replace(/^\s*BEGIN;\n/m, '')
      .replace(/\n\s*COMMIT;\s*$/, '\n')
      .split('\n')
      .map((l) => l.replace(/\s+$/, ''))
      .join('\n');
    expect(migrations.some((sql) => sql.includes(plan.trim()))).toBe(true);
  });
});
