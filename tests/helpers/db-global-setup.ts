/**
 * Once per db-suite run on PGlite: migrate one in-memory database and dump it, so each test
 * file starts from a copy (~0.4 s) instead of migrating from scratch (~3 s).
 * On real Postgres (DATABASE_URL) each file creates and migrates its own database instead.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../lib/db/migrate';
import { createPglite, wrapPglite } from '../../lib/db/pglite';

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) return;
  const pg = await createPglite();
  await migrate(wrapPglite(pg));
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const dir = path.join(process.cwd(), 'node_modules', '.cache', 'sopwright');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-migrated-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', file);
  return () => rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}
