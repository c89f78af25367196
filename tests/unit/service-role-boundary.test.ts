/**
 * asService() bypasses RLS. Only the auth emulator, webhooks, jobs and admin paths may use
 * it; no page, layout or user-facing route under app/ may import it, directly or through a
 * module of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** app/ paths that legitimately act as the server, not as a user. */
const ALLOWED = [/^app\/auth\/v1\//, /^app\/api\/stripe\/webhook\//, /^app\/api\/jobs\//, /^app\/dev\/mailbox\//];
const SERVICE_IMPORT = /from\s+['"](@\/lib\/db\/service|@\/lib\/supabase\/admin)['"]|asService/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('service-role boundary', () => {
  const files = walk(path.join(root, 'app')).map((f) => path.relative(root, f).split(path.sep).join('/'));

  it('finds the app files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it('keeps asService and the admin client out of every page and user route', () => {
    const offenders = files.filter((f) => !ALLOWED.some((re) => re.test(f)) && SERVICE_IMPORT.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would catch an offender (the check itself can fail)', () => {
    expect(SERVICE_IMPORT.test("import { asService } from '@/lib/db/service';")).toBe(true);
    expect(ALLOWED.some((re) => re.test('app/(app)/o/[slug]/page.tsx'))).toBe(false);
  });
});
