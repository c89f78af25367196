/**
 * SOPs in the database, as the app uses them (lib/sops/service through withUser): document
 * numbers per organization, the draft revision that makes concurrent saves safe, immutable
 * versions, the audit trail, full-text search and keyset pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import { AppError } from '@/lib/errors';
import { prepareContent } from '@/lib/sops/prepare';
import { ConflictError, createSop, createVersion, encodeCursor, listSops, listVersions, requireSop, requireVersion, saveDraft } from '@/lib/sops/service';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

let t: TestDb;
let owner: { id: string; email: string };
let author: { id: string; email: string };
let viewer: { id: string; email: string };
let outsider: { id: string; email: string };
let orgA: string;
let orgB: string;

const as = (u: { id: string; email: string }) => claimsFor(u.id, { email: u.email });

const draft = (title: string, text = '1. Operator cleans the filler\n2. QA verifies with an ATP swab and records it in the sanitation log') =>
  ({ content: prepareContent(draftOffline({ title, processDescription: text, frameworks: ['HACCP'] })) });

beforeAll(async () => {
  t = await createTestDb();
  owner = await createUser(t, 'owner@sops.test');
  author = await createUser(t, 'author@sops.test');
  viewer = await createUser(t, 'viewer@sops.test');
  outsider = await createUser(t, 'outsider@sops.test');
  orgA = (await t.withUser(as(owner), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Plant A', 'plant-a')")))[0]!.id;
  orgB = (await t.withUser(as(outsider), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Plant B', 'plant-b')")))[0]!.id;
  await t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'author'), ($1, $3, 'viewer')", [orgA, author.id, viewer.id]));
});
afterAll(async () => {
  await t?.close();
});

describe('SOPs', () => {
  it('numbers documents per organization: SOP-0001, SOP-0002 … independently in each org', async () => {
    const a1 = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Line clearance' }));
    const a2 = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Allergen changeover' }));
    const b1 = await t.withUser(as(outsider), (tx) => createSop(tx, { orgId: orgB, userId: outsider.id, title: 'Other plant' }));
    expect([a1.docNumber, a2.docNumber, b1.docNumber]).toEqual(['SOP-0001', 'SOP-0002', 'SOP-0001']);
    expect(a1.draftRevision).toBe(0);
    expect(a1.ownerId).toBe(author.id);
  });

  it('refuses viewers and strangers: a viewer cannot create, another org cannot even see', async () => {
    await expect(t.withUser(as(viewer), (tx) => createSop(tx, { orgId: orgA, userId: viewer.id, title: 'Nope' }))).rejects.toMatchObject({ code: 'forbidden' });
    const sop = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Private' }));
    await expect(t.withUser(as(outsider), (tx) => requireSop(tx, orgA, sop.id))).rejects.toMatchObject({ code: 'not_found' });
    const seen = await t.withUser(as(viewer), (tx) => requireSop(tx, orgA, sop.id));
    expect(seen.title).toBe('Private');
  });

  it('saves the draft only against the revision the editor saw; a stale save is a conflict carrying the current text', async () => {
    const sop = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Two editors' }));
    const mine = draft('Two editors', '1. Mine: wash hands\n2. Mine: gown up');
    const theirs = draft('Two editors', '1. Theirs: scrub in\n2. Theirs: enter the clean room');
    const first = await t.withUser(as(author), (tx) => saveDraft(tx, { orgId: orgA, sopId: sop.id, expectedRevision: 0, content: theirs.content }));
    expect(first.draftRevision).toBe(1);
    const err = await t.withUser(as(owner), (tx) => saveDraft(tx, { orgId: orgA, sopId: sop.id, expectedRevision: 0, content: mine.content })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).current.draftRevision).toBe(1);
    expect(JSON.stringify((err as ConflictError).current.draftContent)).toContain('Theirs: scrub in');
    // Nothing was lost: the winner's text is stored, and the loser can save over it knowingly.
    const now = await t.withUser(as(owner), (tx) => saveDraft(tx, { orgId: orgA, sopId: sop.id, expectedRevision: 1, content: mine.content }));
    expect(now.draftRevision).toBe(2);
    expect(JSON.stringify(now.draftContent)).toContain('Mine: wash hands');
  });

  it('keeps versions immutable, labels them 0.1, 0.2 … and makes the newest current', async () => {
    const sop = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Versioned' }));
    const d1 = draft('Versioned');
    const d2 = draft('Versioned', '1. Operator cleans\n2. Supervisor checks');
    const v1 = await t.withUser(as(author), (tx) => createVersion(tx, { orgId: orgA, sopId: sop.id, authorId: author.id, ...d1, source: 'offline' }));
    const v2 = await t.withUser(as(author), (tx) => createVersion(tx, { orgId: orgA, sopId: sop.id, authorId: author.id, ...d2, source: 'manual', changeSummary: 'Supervisor check' }));
    expect([v1.label, v2.label]).toEqual(['0.1', '0.2']);
    const after = await t.withUser(as(author), (tx) => requireSop(tx, orgA, sop.id));
    expect(after.currentVersionId).toBe(v2.id);
    expect(after.currentVersionLabel).toBe('0.2');
    expect((await t.withUser(as(viewer), (tx) => listVersions(tx, orgA, sop.id))).map((v) => v.label)).toEqual(['0.2', '0.1']);
    for (const who of [author, owner]) {
      await expect(t.withUser(as(who), (tx) => tx.query("update public.sop_versions set content = '{}'::jsonb where id = $1", [v1.id]))).rejects.toMatchObject({ code: '42501' });
    }
    await expect(t.asService((tx) => tx.query("update public.sop_versions set label = 'x' where id = $1", [v1.id]))).rejects.toMatchObject({ code: '42501' });
    await expect(t.asService((tx) => tx.query('delete from public.sop_versions where id = $1', [v1.id]))).rejects.toMatchObject({ code: '42501' });
    // The revision history is kept by the system, one entry per version.
    const latest = await t.withUser(as(viewer), (tx) => requireVersion(tx, orgA, sop.id, v2.id));
    expect(latest.content.revisionHistory.map((r) => [r.version, r.change])).toEqual([
      ['0.1', 'New version'],
      ['0.2', 'Supervisor check'],
    ]);
    expect(latest.html).toContain('Supervisor check');
    const stored = await t.withUser(as(viewer), (tx) => requireVersion(tx, orgA, sop.id, v1.id));
    expect(stored.html).toContain('sop-section');
    expect(stored.content.titleBlock.title).toBe('Versioned');
  });

  it('cannot attach a version to another organization’s SOP or move an SOP between organizations', async () => {
    const sopB = await t.withUser(as(outsider), (tx) => createSop(tx, { orgId: orgB, userId: outsider.id, title: 'B only' }));
    const d = draft('Smuggled');
    await expect(
      t.withUser(as(author), (tx) => createVersion(tx, { orgId: orgA, sopId: sopB.id, authorId: author.id, ...d, source: 'manual' })),
    ).rejects.toBeInstanceOf(AppError);
    await expect(t.asService((tx) => tx.query('update public.sops set org_id = $2 where id = $1', [sopB.id, orgA]))).rejects.toMatchObject({ code: '42501' });
  });

  it('writes the audit trail: created, version created (with source and summary), metadata changes — not every autosave', async () => {
    const sop = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Audited' }));
    const d = draft('Audited');
    await t.withUser(as(author), (tx) => createVersion(tx, { orgId: orgA, sopId: sop.id, authorId: author.id, ...d, source: 'offline', changeSummary: 'first' }));
    const rev = (await t.withUser(as(author), (tx) => requireSop(tx, orgA, sop.id))).draftRevision;
    await t.withUser(as(author), (tx) => saveDraft(tx, { orgId: orgA, sopId: sop.id, expectedRevision: rev, content: draft('Audited', '1. Changed step text here').content }));
    await t.withUser(as(author), (tx) => saveDraft(tx, { orgId: orgA, sopId: sop.id, expectedRevision: rev + 1, title: 'Audited (renamed)' }));
    const events = await t.asService((tx) =>
      tx.query<{ action: string; actor_id: string; data: Record<string, unknown> }>("select action, actor_id, data from public.audit_events where org_id = $1 and target_id in ($2, (select current_version_id::text from public.sops where id = $3)) order by seq", [orgA, sop.id, sop.id]),
    );
    expect(events.map((e) => e.action)).toEqual(['sop.created', 'sop.version_created', 'sop.updated', 'sop.updated']);
    expect(events.every((e) => e.actor_id === author.id)).toBe(true);
    expect(events[1]!.data).toMatchObject({ source: 'offline', change_summary: 'first', label: '0.1' });
    expect(events[3]!.data).toMatchObject({ title: { old: 'Audited', new: 'Audited (renamed)' } });
    const [{ ok }] = (await t.asService((tx) => tx.query<{ ok: string | null }>('select private.verify_audit_chain($1)::text as ok', [orgA])))! as [{ ok: string | null }];
    expect(ok).toBeNull();
  });

  it('finds SOPs by words in the title or body, by number, and filters by status', async () => {
    const sop = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Autoclave validation', department: 'Microbiology' }));
    await t.withUser(as(author), (tx) =>
      createVersion(tx, { orgId: orgA, sopId: sop.id, authorId: author.id, ...draft('Autoclave validation', '1. Load the biological indicators\n2. Run the sterilization cycle at 121 °C\n3. Apply lockout/tagout before opening the chamber'), source: 'manual' }),
    );
    const search = (q: string) => t.withUser(as(viewer), (tx) => listSops(tx, orgA, { q, limit: 10 })).then((r) => r.items.map((s) => s.title));
    expect(await search('autoclave')).toEqual(['Autoclave validation']);
    expect(await search('sterilization indicators')).toEqual(['Autoclave validation']);
    expect(await search('tagout')).toEqual(['Autoclave validation']);
    expect(await search(sop.docNumber)).toEqual(['Autoclave validation']);
    expect(await search('xylophone')).toEqual([]);
    expect((await t.withUser(as(viewer), (tx) => listSops(tx, orgA, { status: 'approved', limit: 10 }))).items).toEqual([]);
    expect((await t.withUser(as(viewer), (tx) => listSops(tx, orgA, { department: 'Microbiology', limit: 10 }))).items.map((s) => s.id)).toEqual([sop.id]);
    // Another organization's search never sees it.
    expect((await t.withUser(as(outsider), (tx) => listSops(tx, orgA, { q: 'autoclave', limit: 10 }))).items).toEqual([]);
  });

  it('pages with a keyset cursor: every SOP exactly once, newest first, and rejects a forged cursor', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.withUser(as(viewer), (tx) => listSops(tx, orgA, { limit: 3, cursor }));
      all.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const total = await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.sops where org_id = $1', [orgA]));
    expect(all.length).toBe(total[0]!.n);
    expect(new Set(all).size).toBe(all.length);
    await expect(t.withUser(as(viewer), (tx) => listSops(tx, orgA, { limit: 3, cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a viewer\'s save as forbidden, whatever revision it names — never as someone else\'s save', async () => {
    const sop = await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Viewer tries' }));
    for (const expectedRevision of [0, 7]) {
      const err = await t.withUser(as(viewer), (tx) => saveDraft(tx, { orgId: orgA, sopId: sop.id, expectedRevision, title: 'Viewer was here' })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).not.toBeInstanceOf(ConflictError);
      expect(err).toMatchObject({ code: 'forbidden', status: 403 });
    }
    const err = await t.withUser(as(viewer), (tx) => createVersion(tx, { orgId: orgA, sopId: sop.id, authorId: viewer.id, ...draft('Viewer tries'), source: 'manual' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'forbidden' });
    expect((await t.withUser(as(author), (tx) => requireSop(tx, orgA, sop.id))).title).toBe('Viewer tries');
  });

  it('refuses a cursor that passes a loose check but not Postgres as a validation error, not a database error', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const cursor of [
      encodeCursor('1', id),
      encodeCursor(new Date().toISOString(), '-'.repeat(36)),
      encodeCursor(new Date().toISOString(), 'g'.repeat(8) + '-0000-4000-8000-000000000000'),
      encodeCursor('0000-01-01T00:00:00.000Z', id),
      encodeCursor('2026-02-30T00:00:00.000Z', id),
      Buffer.from(JSON.stringify([new Date().toISOString(), id, 'extra'])).toString('base64url'),
    ]) {
      await expect(t.withUser(as(viewer), (tx) => listSops(tx, orgA, { limit: 3, cursor })), cursor).rejects.toMatchObject({ code: 'validation_failed', status: 400 });
    }
    const ok = await t.withUser(as(viewer), (tx) => listSops(tx, orgA, { limit: 1 }));
    await expect(t.withUser(as(viewer), (tx) => listSops(tx, orgA, { limit: 1, cursor: ok.nextCursor! }))).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('searches for backslashes, % and _ literally (LIKE patterns are escaped)', async () => {
    await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Dilute to 100% strength' }));
    await t.withUser(as(author), (tx) => createSop(tx, { orgId: orgA, userId: author.id, title: 'Path C:\\temp\\' }));
    const search = (q: string) => t.withUser(as(viewer), (tx) => listSops(tx, orgA, { q, limit: 50 })).then((r) => r.items.map((s) => s.title));
    expect(await search('\\')).toEqual(['Path C:\\temp\\']);
    expect(await search('temp\\')).toEqual(['Path C:\\temp\\']);
    expect(await search('100%')).toEqual(['Dilute to 100% strength']);
    expect(await search('%')).toEqual(['Dilute to 100% strength']);
    expect(await search('_')).toEqual([]);
  });
});

