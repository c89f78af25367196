/**
 * Compliance coverage (lib/compliance/coverage.ts) and the evidence behind it
 * (lib/compliance/evidence.ts): a clause is effective with an accepted mapping to a SOP in
 * effect, draft with accepted mappings to SOPs not in effect (drafts, obsolete ones), none
 * otherwise; proposed suggestions never count; mappings to ids the library lacks are listed
 * apart; another organization's mappings never appear; the export is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@/lib/document-control/canonical';
import type { VersionRef } from '@/lib/document-control/service';
import { followedCoverage, filterClauses, frameworkCoverage, type FrameworkCoverage } from '@/lib/compliance/coverage';
import { readEvidence, recordEvidenceExport, trainingWords, type Evidence } from '@/lib/compliance/evidence';
import { getFramework, leafClauses } from '@/lib/library';
import { createSop } from '@/lib/sops/service';
import { addAssignment } from '@/lib/training/assignments';
import { createDcWorld, makeEffective, newVersion, signed, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let inEffect: VersionRef;
let draft: VersionRef;
let obsolete: VersionRef;
let strangers: string;

type Who = keyof DcWorld['people'];
const as = <T>(who: Who, fn: Parameters<TestDb['withUser']>[1]) => t.withUser(claimsFor(w.people[who].id, { email: w.people[who].email }), fn) as Promise<T>;
const coverage = (who: Who, code = 'ISO9001', org = () => w.orgA) => as<FrameworkCoverage | undefined>(who, (tx) => frameworkCoverage(tx, org(), code));

async function map(who: Who, sopId: string, clause: string, origin: 'manual' | 'suggested' | 'references' = 'manual', framework = 'ISO9001') {
  await as(who, (tx) => tx.query('insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin) values ($1, $2, $3, $4)', [sopId, framework, clause, origin]));
}
const status = (c: FrameworkCoverage, id: string) => c.clauses.find((x) => x.id === id)?.status;

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'cov');
  inEffect = await makeEffective(t, w, await newVersion(t, w, 'Document control'));
  draft = await newVersion(t, w, 'Internal audit');
  obsolete = await makeEffective(t, w, await newVersion(t, w, 'Old corrective action'));
  await signed(t, w.people.owner, (tx) => tx.query('select private.obsolete_sop($1, $2)', [obsolete.sopId, 'Replaced by the CAPA procedure']));
  await as('owner', (tx) => tx.query("insert into public.org_frameworks (org_id, framework) values ($1, 'ISO9001'), ($1, 'HACCP')", [w.orgA]));

  await map('author', inEffect.sopId, '7.5.3');
  await map('author', inEffect.sopId, '8.5', 'references');
  await map('author', draft.sopId, '8.5');
  await map('author', draft.sopId, '9.2');
  await map('author', obsolete.sopId, '10.2');
  await map('author', draft.sopId, '9.3', 'suggested'); // proposed: never counts
  await map('author', inEffect.sopId, '6.1', 'suggested');
  await map('author', inEffect.sopId, '99.9'); // not in the library
  await map('author', inEffect.sopId, '7'); // a group heading: shown, not counted

  // Org B maps its own SOP to 4.1: invisible to org A, and org A's to org B.
  strangers = (await as<{ id: string }>('other_org', (tx) => createSop(tx, { orgId: w.orgB, userId: w.people.other_org.id, title: 'Their SOP' }))).id;
  await map('other_org', strangers, '4.1');
  await map('other_org', strangers, '7.5.3');
});
afterAll(async () => {
  await t?.close();
});

describe('compliance coverage', () => {
  it('counts a clause effective, draft or none from accepted mappings only', async () => {
    const c = (await coverage('viewer'))!;
    const iso = getFramework('ISO9001')!;
    expect(c.followed).toBe(true);
    expect(status(c, '7.5.3')).toBe('effective');
    expect(status(c, '8.5')).toBe('effective'); // one SOP in effect is enough, a draft beside it does not matter
    expect(status(c, '9.2')).toBe('draft');
    expect(status(c, '10.2')).toBe('draft'); // the SOP is obsolete
    expect(status(c, '9.3')).toBe('none'); // only a proposed suggestion
    expect(status(c, '6.1')).toBe('none');
    expect(status(c, '4.1')).toBe('none'); // org B's mapping
    expect(c.summary).toMatchObject({ framework: 'ISO9001', total: leafClauses(iso).length, effective: 2, draft: 2, none: leafClauses(iso).length - 4, uncounted: 1 });
    expect(c.summary.percent.effective).toBe(Math.round((2 / leafClauses(iso).length) * 100));

    // Per clause: the SOPs with their state and effective label, by number.
    expect(c.clauses.find((x) => x.id === '8.5')!.sops.map((s) => [s.title, s.status, s.inEffect, s.effectiveLabel])).toEqual([
      ['Document control', 'effective', true, '1.0'],
      ['Internal audit', 'draft', false, null],
    ]);
    expect(c.clauses.find((x) => x.id === '10.2')!.sops[0]).toMatchObject({ status: 'obsolete', inEffect: false, effectiveLabel: null, effectiveVersionId: null });
    expect(c.clauses.find((x) => x.id === '7.5.3')!.sops[0]).toMatchObject({ sopId: inEffect.sopId, docNumber: expect.stringMatching(/^SOP-\d{4}$/), effectiveVersionId: inEffect.versionId });

    // A group heading is a section row: its mapping shows, with no status, and counts for nothing.
    expect(c.clauses.find((x) => x.id === '7')).toMatchObject({ group: true, status: null, sops: [expect.objectContaining({ title: 'Document control' })] });
    // An id the library does not have is listed apart.
    expect(c.unknownClauseIds).toEqual(['99.9']);
    expect(c.uncounted).toEqual([{ clauseId: '99.9', reason: 'not_in_library', sops: [expect.objectContaining({ sopId: inEffect.sopId })] }]);
  });

  it('accepting a suggestion makes it count', async () => {
    const [m] = await as<{ id: string }[]>('author', (tx) => tx.query("update public.sop_clause_mappings set status = 'accepted' where sop_id = $1 and clause_id = '6.1' returning id", [inEffect.sopId]));
    expect(m).toBeTruthy();
    expect(status((await coverage('viewer'))!, '6.1')).toBe('effective');
  });

  it('a SOP that becomes effective turns its clauses effective', async () => {
    await makeEffective(t, w, draft);
    const c = (await coverage('viewer'))!;
    expect(status(c, '9.2')).toBe('effective');
    expect(status(c, '10.2')).toBe('draft');
  });

  it("never shows another organization's mappings, either way", async () => {
    const theirs = (await coverage('other_org', 'ISO9001', () => w.orgB))!;
    expect(theirs.followed).toBe(false);
    expect(status(theirs, '4.1')).toBe('draft');
    expect(status(theirs, '7.5.3')).toBe('draft');
    expect(theirs.summary.effective).toBe(0);
    // Asked for org A directly (past the route's membership check), RLS returns nothing.
    const peek = (await coverage('other_org'))!;
    expect(peek.summary).toMatchObject({ effective: 0, draft: 0, uncounted: 0 });
    expect(peek.followed).toBe(false);
  });

  it('covers every followed framework in library order; a framework with no mapping is all "none"', async () => {
    const all = await as<FrameworkCoverage[]>('viewer', (tx) => followedCoverage(tx, w.orgA));
    expect(all.map((c) => c.framework.code)).toEqual(['HACCP', 'ISO9001']);
    const haccp = all[0]!;
    expect(haccp.summary.effective + haccp.summary.draft).toBe(0);
    expect(haccp.summary.none).toBe(leafClauses(getFramework('HACCP')!).length);
    expect(all[1]!.summary.effective).toBe(4);
    // A library framework the org does not follow still reads; an unknown code is undefined.
    expect((await coverage('viewer', '21CFR11'))!.followed).toBe(false);
    expect(await coverage('viewer', 'NOPE')).toBeUndefined();
  });

  it('filters the clause table by status and text, keeping the headings above kept rows', async () => {
    const c = (await coverage('viewer'))!;
    const ids = (f: Parameters<typeof filterClauses>[1]) => filterClauses(c.clauses, f).map((x) => x.id);
    expect(ids({ status: 'draft' })).toEqual(['10', '10.2']);
    expect(ids({ status: 'effective' })).toEqual(['6', '6.1', '7', '7.5.3', '8', '8.5', '9', '9.2']);
    expect(ids({ q: 'internal AUDIT' })).toEqual(['8', '8.5', '9', '9.2', '9.2.1', '9.2.2']); // the SOP's title matches 8.5 too; 9.2.x by their titles
    expect(ids({ q: 'nothing like this' })).toEqual([]);
    expect(ids({}).length).toBe(c.clauses.length);
  });
});

describe('compliance evidence', () => {
  it('lists clause → SOP → effective revision, approvals, training and next review; uncovered clauses as rows', async () => {
    await as('admin', (tx) => addAssignment(tx, { orgId: w.orgA, sopId: inEffect.sopId }, { kind: 'role', role: 'approver' }));
    await as('admin', (tx) => addAssignment(tx, { orgId: w.orgA, sopId: inEffect.sopId }, { kind: 'person', userId: w.people.viewer.id }));
    const [ver] = await t.asService((tx) => tx.query<{ content: unknown }>('select content from public.sop_versions where id = $1', [inEffect.versionId]));
    await signed(t, w.people.viewer, (tx) => tx.query('select private.acknowledge_sop($1, $2)', [inEffect.versionId, contentHash(ver!.content as never)]));

    const e = await as<Evidence>('viewer', (tx) => readEvidence(tx, { id: w.orgA, name: 'Plant A' }, 'ISO9001'));
    expect(e.generatedBy.name).toBe('Vera Viewer');
    const row = e.rows.find((r) => r.clauseId === '7.5.3')!;
    expect(row).toMatchObject({ coverage: 'effective', sop: { title: 'Document control', effectiveLabel: '1.0' } });
    expect(row.evidence!.approvals).toEqual([{ name: 'Petra Approver', email: w.people.approver2.email, meaning: 'approved', signedAt: expect.stringMatching(/Z$/) }]);
    expect(row.evidence!.effectiveAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Date.parse(row.evidence!.nextReviewAt!)).toBeGreaterThan(Date.parse(row.evidence!.effectiveAt!));
    expect(row.evidence!.training).toEqual({ current: 1, pending: 3, overdue: 0, required: 4 });
    expect(trainingWords(row.evidence!.training)).toBe('1 of 4 current, 3 pending');

    // 8.5: the SOP in effect first, then the other one (now effective too).
    expect(e.rows.filter((r) => r.clauseId === '8.5').map((r) => r.sop!.title)).toEqual(['Document control', 'Internal audit']);
    // Obsolete: a row without evidence; not covered: one row with no SOP.
    expect(e.rows.find((r) => r.clauseId === '10.2')).toMatchObject({ coverage: 'draft', sop: { status: 'obsolete' }, evidence: null });
    expect(e.rows.find((r) => r.clauseId === '4.1')).toMatchObject({ coverage: 'none', sop: null, evidence: null });
    // Group headings and unknown ids are not rows.
    expect(e.rows.some((r) => r.clauseId === '7' || r.clauseId === '99.9')).toBe(false);
    expect(new Set(e.rows.map((r) => r.clauseId)).size).toBe(e.coverage.summary.total);
  });

  it('records the export in the audit trail, as the member, with framework and format', async () => {
    const e = await as<Evidence>('viewer', (tx) => readEvidence(tx, { id: w.orgA, name: 'Plant A' }, 'ISO9001'));
    await as('viewer', (tx) => recordEvidenceExport(tx, w.orgA, 'xlsx', e));
    const [event] = await t.asService((tx) =>
      tx.query<{ actor_id: string; data: Record<string, unknown> }>(
        "select actor_id, data from public.audit_events where org_id = $1 and action = 'compliance.evidence_exported' order by seq desc limit 1",
        [w.orgA],
      ),
    );
    expect(event).toMatchObject({ actor_id: w.people.viewer.id, data: { framework: 'ISO9001', format: 'xlsx' } });
    await expect(as('other_org', (tx) => recordEvidenceExport(tx, w.orgA, 'csv', e))).rejects.toThrow(/not a member/);
    await expect(as('viewer', (tx) => readEvidence(tx, { id: w.orgA, name: 'Plant A' }, 'NOPE'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
