/**
 * Every action the database or the app writes to the audit trail reads as a sentence with
 * people's names (lib/audit/describe.ts). The action names are enumerated from the source:
 * string literals in supabase/migrations (computed ones such as 'sop.version_' || to_state are
 * expanded from the enum or list they come from) and the actions lib/ and app/ pass to
 * record_event / recordExport. A new action without wording fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsOf, describeEvent, KNOWN_ACTIONS, WORDING, type DescribableEvent } from '@/lib/audit/describe';
import { PERMISSIONS } from '@/lib/orgs/permissions';
import { sourcesUnder } from '../helpers/import-graph';

const root = path.resolve(__dirname, '../..');
const migrations = readdirSync(path.join(root, 'supabase/migrations'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(path.join(root, 'supabase/migrations', f), 'utf8'));
const sql = migrations.join('\n');

const NOT_ACTIONS = new Set<string>(Object.keys(PERMISSIONS));
const DOTTED = /'([a-z_]+\.[a-z_.]*)'/g;

/** The values a computed action can take, by its literal prefix. */
function expand(prefix: string): string[] {
  if (prefix === 'sop.version_') {
    const m = /create type public\.version_state as enum \(([^)]*)\)/.exec(sql);
    return [...m![1]!.matchAll(/'([a-z_]+)'/g)].map((x) => `${prefix}${x[1]}`);
  }
  if (prefix === 'generation.') {
    const m = /new\.status in \(([^)]*)\) then\s+v_action := 'generation\.' \|\| new\.status/.exec(sql);
    return [...m![1]!.matchAll(/'([a-z_]+)'/g)].map((x) => `${prefix}${x[1]}`);
  }
  throw new Error(`a computed audit action '${prefix}' || … has no expansion in this test: add one, and its wording in lib/audit/describe.ts`);
}

function actionsInMigrations(): Set<string> {
  const out = new Set<string>();
  for (const m of sql.matchAll(DOTTED)) {
    const name = m[1]!;
    if (NOT_ACTIONS.has(name) || /^(public|private|auth)\./.test(name) || !/[a-z]\.[a-z]/.test(name + 'x')) continue;
    const after = sql.slice(m.index! + m[0].length, m.index! + m[0].length + 6);
    if (/^\s*\|\|/.test(after)) {
      for (const a of expand(name)) out.add(a);
    } else if (/^[a-z_]+\.[a-z_]+(\.[a-z_]+)*$/.test(name)) {
      out.add(name);
    }
  }
  return out;
}

function actionsInApp(): Set<string> {
  const out = new Set<string>();
  for (const file of [...sourcesUnder('lib'), ...sourcesUnder('app')]) {
    if (file.startsWith('lib/audit/')) continue;
    for (const line of readFileSync(path.join(root, file), 'utf8').split('\n')) {
      if (!/record_event|recordExport/.test(line)) continue;
      for (const m of line.matchAll(DOTTED)) if (!NOT_ACTIONS.has(m[1]!)) out.add(m[1]!);
    }
  }
  return out;
}

const blank: DescribableEvent = { action: '', actor: { id: 'u1', name: 'Ana Ruiz', email: 'ana@x.test' }, data: {}, reason: '', sop: { docNumber: 'SOP-0007', title: 'Line clearance' }, versionLabel: '2.0', inviteEmail: '', people: {} };
const ev = (over: Partial<DescribableEvent>): DescribableEvent => ({ ...blank, ...over });

describe('audit events in words', () => {
  const used = new Set([...actionsInMigrations(), ...actionsInApp()]);

  it('finds the actions the migrations and the app write (the enumeration itself works)', () => {
    for (const a of ['member.joined', 'signature.failed', 'sop.version_effective', 'generation.cancelled', 'sop.exported', 'audit.exported', 'org.ownership_transferred']) {
      expect(used, a).toContain(a);
    }
    expect(used).not.toContain('sops.edit');
  });

  it('has wording for every action name used in supabase/migrations and lib/', () => {
    const missing = [...used].filter((a) => !(a in WORDING));
    expect(missing, `add wording in lib/audit/describe.ts for: ${missing.join(', ')}`).toEqual([]);
  });

  it('words every known action as a sentence without the raw code', () => {
    for (const action of KNOWN_ACTIONS) {
      const text = describeEvent(ev({ action }));
      expect(text.length, action).toBeGreaterThan(10);
      expect(text, action).not.toContain(action);
      expect(text, action).not.toMatch(/undefined|\[object/);
    }
  });

  it('names people, SOPs and versions', () => {
    expect(describeEvent(ev({ action: 'signature.signed', data: { meaning: 'approved', signer: { id: 'u1', name: 'Ana Ruiz', email: 'ana@x.test' }, auth_method: 'password' } }))).toBe(
      'Ana Ruiz approved SOP-0007 “Line clearance” version 2.0 (password)',
    );
    expect(describeEvent(ev({ action: 'signature.failed', data: { user: { name: 'Bob Stone', email: 'bob@x.test' }, method: 'password' } }))).toBe(
      'Failed signing attempt by Bob Stone on SOP-0007 “Line clearance” version 2.0: wrong password',
    );
    expect(describeEvent(ev({ action: 'signature.locked', data: { user: { name: 'Bob Stone' }, failures: 5, locked_until: '2026-12-01T14:20:00.123456+00:00' } }))).toBe(
      'Signing locked for Bob Stone until 2026-12-01 14:20 UTC after 5 failed attempts',
    );
    expect(describeEvent(ev({ action: 'member.role_changed', data: { role: { old: 'viewer', new: 'approver' }, person: { id: 'u2', name: 'Bob Stone' } } }))).toBe(
      'Bob Stone was given the role Approver (was Viewer) by Ana Ruiz',
    );
    expect(describeEvent(ev({ action: 'member.removed', actor: null, data: { old: { user_id: 'u2', role: 'author' }, person: { id: 'u2', name: 'Bob Stone' } } }))).toBe(
      'Bob Stone (Author) lost access: their account was erased',
    );
    expect(describeEvent(ev({ action: 'sop.version_withdrawn', reason: 'Wrong template' }))).toBe('Ana Ruiz withdrew SOP-0007 “Line clearance” version 2.0 (reason: “Wrong template”)');
    expect(describeEvent(ev({ action: 'org.ownership_transferred', data: { from: 'u1', to: 'u3' }, people: { u3: { id: 'u3', name: 'Cleo Park', email: '' } } }))).toBe(
      'Ana Ruiz transferred ownership of the organization to Cleo Park',
    );
    expect(describeEvent(ev({ action: 'sop.updated', actor: null, data: { status: { old: 'in_review', new: 'effective' } } }))).toBe('The system changed SOP-0007 “Line clearance”: status from in review to effective');
  });

  it('still reads an action it does not know, with its code', () => {
    expect(describeEvent(ev({ action: 'thing.happened', sop: null }))).toBe('Ana Ruiz recorded “thing.happened”');
  });

  it('puts every known action in a filter group', () => {
    const grouped = new Set(['access', 'signatures', 'lifecycle', 'documents', 'training', 'compliance', 'drafting', 'organization', 'audit'].flatMap((g) => actionsOf(g as never)));
    expect(KNOWN_ACTIONS.filter((a) => !grouped.has(a))).toEqual([]);
  });
});
