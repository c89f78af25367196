/**
 * SOP templates (public.sop_templates and lib/templates/service.ts) under RLS: whoever may edit
 * SOPs saves an SOP as a template and deletes templates; every member lists them and starts
 * SOPs from them only if they may edit; another organization sees nothing; every save and
 * delete is audited; built-ins are always there and cannot be deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { createSop, createVersion, listVersions, requireSop } from '@/lib/sops/service';
import { BUILT_IN_TEMPLATES, builtInTemplate } from '@/lib/templates/built-in';
import { createSopFromTemplate, deleteTemplate, getTemplate, listTemplates, saveSopAsTemplate } from '@/lib/templates/service';
import { sopContent } from '../e2e/support/content';
import { createDcWorld, refusal, type DcWorld, type Person } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';
import { ZSopContent } from '@/lib/sops/content';

let t: TestDb;
let w: DcWorld;
let p: DcWorld['people'];
let sopId: string;

const as = <T,>(u: Person, fn: (tx: Tx) => Promise<T>) => t.withUser(claimsFor(u.id, { email: u.email }), fn);
const events = (action: string) =>
  t.asService((tx) => tx.query<{ actor_id: string; target_id: string; data: Record<string, unknown> }>('select actor_id, target_id, data from public.audit_events where org_id = $1 and action = $2 order by seq', [w.orgA, action]));


beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'templates');
  p = w.people;
  sopId = await as(p.author, async (tx) => {
    const sop = await createSop(tx, { orgId: w.orgA, userId: p.author.id, title: 'Goods in at Plant A', department: 'Warehouse' });
    const content = ZSopContent.parse(sopContent({ titleBlock: { title: 'Goods in at Plant A', documentNumber: sop.docNumber, department: 'Warehouse' }, purpose: 'Accept only what was ordered.' }));
    await createVersion(tx, { orgId: w.orgA, sopId: sop.id, authorId: p.author.id, content, source: 'manual', changeSummary: 'First' });
    return sop.id;
  });
});
afterAll(async () => {
  await t?.close();
});

const builtIns = BUILT_IN_TEMPLATES.length;

describe('sop templates', () => {
  it('an author saves an SOP as a template: its draft without number or history; members list it; the trail says so', async () => {
    const tpl = await as(p.author, (tx) => saveSopAsTemplate(tx, { orgId: w.orgA, sopId, name: 'Plant A receiving', description: 'Our goods-in checks', industry: 'Food' }));
    expect(tpl).toMatchObject({ kind: 'org', name: 'Plant A receiving', description: 'Our goods-in checks', industry: 'Food', createdByName: 'Ana Author', sourceSopId: sopId });
    expect(tpl.content.purpose).toBe('Accept only what was ordered.');
    expect(tpl.content.titleBlock).toEqual({ title: 'Goods in at Plant A', documentNumber: '', department: 'Warehouse' });
    expect(tpl.content.revisionHistory).toEqual([]);
    for (const reader of [p.owner, p.admin, p.approver, p.viewer]) {
      const list = await as(reader, (tx) => listTemplates(tx, w.orgA));
      expect(list).toHaveLength(builtIns + 1);
      expect(list[builtIns]).toMatchObject({ id: tpl.id, name: 'Plant A receiving' });
      expect((await as(reader, (tx) => getTemplate(tx, w.orgA, tpl.id))).content).toEqual(tpl.content);
    }
    const [ev, ...more] = await events('template.created');
    expect(more).toEqual([]);
    expect(ev).toEqual({ actor_id: p.author.id, target_id: tpl.id, data: { name: 'Plant A receiving', industry: 'Food', sop_id: sopId } });
  });

  it('another organization sees nothing of it and cannot delete it or start from it', async () => {
    const [tpl] = (await as(p.owner, (tx) => listTemplates(tx, w.orgA))).filter((x) => x.kind === 'org');
    expect((await as(p.other_org, (tx) => listTemplates(tx, w.orgA))).filter((x) => x.kind === 'org')).toEqual([]);
    expect((await as(p.other_org, (tx) => listTemplates(tx, w.orgB))).filter((x) => x.kind === 'org')).toEqual([]);
    expect((await refusal(as(p.other_org, (tx) => getTemplate(tx, w.orgB, tpl!.id)))).code).toBe('not_found');
    expect((await refusal(as(p.other_org, (tx) => deleteTemplate(tx, w.orgB, tpl!.id)))).code).toBe('not_found');
    expect((await refusal(as(p.other_org, (tx) => createSopFromTemplate(tx, { orgId: w.orgB, userId: p.other_org.id, templateId: tpl!.id, title: 'Stolen' })))).code).toBe('not_found');
    expect((await refusal(as(p.other_org, (tx) => saveSopAsTemplate(tx, { orgId: w.orgB, sopId, name: 'Stolen' })))).code).toBe('not_found');
    // Nor can B point a template of its own at A's SOP.
    await expect(as(p.other_org, (tx) => tx.query("insert into public.sop_templates (org_id, name, content, source_sop_id) values ($1, 'Stolen', '{}', $2)", [w.orgB, sopId]))).rejects.toThrow();
    expect(await as(p.other_org, (tx) => tx.query('delete from public.sop_templates where id = $1 returning id', [tpl!.id]))).toEqual([]);
    expect(await as(p.owner, (tx) => listTemplates(tx, w.orgA))).toHaveLength(builtIns + 1);
  });

  it('an approver or a viewer cannot save, delete or start from a template, through the service or directly', async () => {
    const [tpl] = (await as(p.owner, (tx) => listTemplates(tx, w.orgA))).filter((x) => x.kind === 'org');
    for (const who of [p.approver, p.viewer]) {
      expect((await refusal(as(who, (tx) => saveSopAsTemplate(tx, { orgId: w.orgA, sopId, name: `Mine ${who.name}` })))).code).toBe('forbidden');
      expect((await refusal(as(who, (tx) => deleteTemplate(tx, w.orgA, tpl!.id)))).code).toBe('forbidden');
      expect((await refusal(as(who, (tx) => createSopFromTemplate(tx, { orgId: w.orgA, userId: who.id, templateId: 'builtin:receiving', title: 'Receiving' })))).code).toBe('forbidden');
      await expect(as(who, (tx) => tx.query("insert into public.sop_templates (org_id, name, content) values ($1, 'Mine', '{}')", [w.orgA]))).rejects.toThrow();
      expect(await as(who, (tx) => tx.query('delete from public.sop_templates where org_id = $1 returning id', [w.orgA]))).toEqual([]);
    }
    expect(await as(p.owner, (tx) => listTemplates(tx, w.orgA))).toHaveLength(builtIns + 1);
  });

  it('an author starts an SOP from a built-in: version 0.1 with the template content, their title, department and the SOP number', async () => {
    const sop = await as(p.author, (tx) => createSopFromTemplate(tx, { orgId: w.orgA, userId: p.author.id, templateId: 'builtin:receiving', title: 'Receiving at Plant A', department: 'Stores' }));
    expect(sop).toMatchObject({ title: 'Receiving at Plant A', department: 'Stores', status: 'draft', currentVersionLabel: '0.1' });
    expect(sop.draftContent!.titleBlock).toEqual({ title: 'Receiving at Plant A', department: 'Stores', documentNumber: sop.docNumber });
    expect(sop.draftContent!.procedure).toEqual(builtInTemplate('builtin:receiving')!.content.procedure);
    expect(sop.draftContent!.revisionHistory.map((r) => r.change)).toEqual(['Created from the template “Receiving”.']);
    const [v] = await as(p.author, (tx) => listVersions(tx, w.orgA, sop.id));
    expect(v).toMatchObject({ label: '0.1', source: 'manual', changeSummary: 'Created from the template “Receiving”.', authorId: p.author.id });
  });

  it('an organization template keeps its department unless another is given', async () => {
    const [tpl] = (await as(p.owner, (tx) => listTemplates(tx, w.orgA))).filter((x) => x.kind === 'org');
    const sop = await as(p.admin, (tx) => createSopFromTemplate(tx, { orgId: w.orgA, userId: p.admin.id, templateId: tpl!.id, title: 'Goods in at Plant B' }));
    expect(sop).toMatchObject({ title: 'Goods in at Plant B', department: 'Warehouse' });
    expect(sop.draftContent!.purpose).toBe('Accept only what was ordered.');
  });

  it('refuses a second template of the same name, unknown ids, deleting a built-in, and an SOP without content', async () => {
    expect((await refusal(as(p.admin, (tx) => saveSopAsTemplate(tx, { orgId: w.orgA, sopId, name: 'Plant A receiving' })))).code).toBe('conflict');
    expect((await refusal(as(p.admin, (tx) => getTemplate(tx, w.orgA, 'builtin:nope')))).code).toBe('not_found');
    expect((await refusal(as(p.admin, (tx) => getTemplate(tx, w.orgA, '00000000-0000-4000-8000-000000000000')))).code).toBe('not_found');
    expect((await refusal(as(p.owner, (tx) => deleteTemplate(tx, w.orgA, 'builtin:sanitation')))).code).toBe('forbidden');
    const empty = await as(p.author, (tx) => createSop(tx, { orgId: w.orgA, userId: p.author.id, title: 'Empty one' }));
    expect((await refusal(as(p.author, (tx) => saveSopAsTemplate(tx, { orgId: w.orgA, sopId: empty.id, name: 'Empty' })))).code).toBe('unprocessable');
  });

  it('an author deletes a template; SOPs made from it keep their content; the trail says so', async () => {
    const [tpl] = (await as(p.owner, (tx) => listTemplates(tx, w.orgA))).filter((x) => x.kind === 'org');
    const made = await as(p.author, (tx) => createSopFromTemplate(tx, { orgId: w.orgA, userId: p.author.id, templateId: tpl!.id, title: 'Made before deleting' }));
    await as(p.author, (tx) => deleteTemplate(tx, w.orgA, tpl!.id));
    expect(await as(p.owner, (tx) => listTemplates(tx, w.orgA))).toHaveLength(builtIns);
    expect((await refusal(as(p.author, (tx) => deleteTemplate(tx, w.orgA, tpl!.id)))).code).toBe('not_found');
    expect((await as(p.author, (tx) => requireSop(tx, w.orgA, made.id))).draftContent).toEqual(made.draftContent);
    const [ev] = await events('template.deleted');
    expect(ev).toEqual({ actor_id: p.author.id, target_id: tpl!.id, data: { name: 'Plant A receiving', industry: 'Food', sop_id: sopId } });
  });
});
