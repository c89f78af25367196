/**
 * Periodic review (lib/review/service.ts, lib/jobs/review-reminders.ts) on the schema of
 * 20261204000100_review_and_training.sql: the schedule's arithmetic (effective date +
 * interval, a SOP's own interval, exempt, "reviewed, no change" and a new effective version
 * restart the clock), who may change and sign it, the audit, the SOP list's review filter and
 * sort, and the reminder job against the moved database clock: 30 / 7 / 0 days, nothing sent
 * twice, the weekly escalation, a refused email retried.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '@/lib/email/sender';
import { sendReviewReminders } from '@/lib/jobs/review-reminders';
import { confirmPeriodicReview, confirmWithHash, periodicReviewsOf, reviewScheduleOf, setReviewInterval, type ReviewSchedule } from '@/lib/review/service';
import { listSops } from '@/lib/sops/service';
import { createDcWorld, dbNow, makeEffective, newVersion, nextVersion, refusal, sessionClaims, setClock, signed, type DcWorld } from '../helpers/document-control';
import type { VersionRef } from '@/lib/document-control/service';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let worlds = 0;

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'prv');
});
afterAll(async () => t?.close());
afterEach(async () => setClock(t, 0));

const DAY = 24 * 3600;
type Who = keyof DcWorld['people'];
const schedule = (ref: { sopId: string }, world = w, who: Who = 'viewer') =>
  t.withUser(claimsFor(world.people[who].id), (tx) => reviewScheduleOf(tx, { orgId: world.orgA, sopId: ref.sopId }));
const setInterval_ = (who: Who, ref: { sopId: string }, months: number | null, exemptReason?: string, world = w) =>
  t.withUser(claimsFor(world.people[who].id), (tx) => setReviewInterval(tx, { orgId: world.orgA, sopId: ref.sopId, months, exemptReason }));
const review = (who: Who, ref: VersionRef, comment?: string, world = w) => signed(t, world.people[who], (tx) => confirmPeriodicReview(tx, { ...ref, comment }));
const addMonths = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
};
const near = (a: string | null, b: string, seconds = 5) => expect(Math.abs(Date.parse(a!) - Date.parse(b)) / 1000).toBeLessThan(seconds);

/** A SOP whose version 1.0 is effective now; its owner is the author (as created) unless `owner` is given. */
async function effectiveSop(world = w, owner?: Who): Promise<VersionRef> {
  const ref = await makeEffective(t, world, await newVersion(t, world));
  if (owner) await t.asService((tx) => tx.query('update public.sops set owner_id = $2 where id = $1', [ref.sopId, world.people[owner].id]));
  return ref;
}

describe('the review schedule', () => {
  it('is due one organization default interval (24 months) after the version became effective; a SOP’s own interval and "no periodic review" change it; an unreleased SOP has none', async () => {
    const draft = await newVersion(t, w);
    const none = await schedule(draft);
    expect(none).toMatchObject({ intervalMonths: 24, sopIntervalMonths: null, orgIntervalMonths: 24, effectiveVersionId: null, nextReviewAt: null, state: null });

    const ref = await effectiveSop();
    const s = await schedule(ref);
    expect(s).toMatchObject({ intervalMonths: 24, sopIntervalMonths: null, effectiveVersionId: ref.versionId, lastReviewedAt: null, state: 'not_due' });
    near(s.nextReviewAt, addMonths(s.effectiveAt!, 24), 1);
    expect(s.dueDate).toBe(s.nextReviewAt!.slice(0, 10));

    const own = await setInterval_('admin', ref, 6);
    expect(own).toMatchObject({ intervalMonths: 6, sopIntervalMonths: 6 });
    near(own.nextReviewAt, addMonths(s.effectiveAt!, 6), 1);

    const exempt = await setInterval_('owner', ref, null, '  Retired equipment, kept for reference  ');
    expect(exempt).toMatchObject({ intervalMonths: null, exemptReason: 'Retired equipment, kept for reference', nextReviewAt: null, state: null });

    const back = await setInterval_('admin', ref, null);
    expect(back).toMatchObject({ intervalMonths: 24, sopIntervalMonths: null, exemptReason: null });

    // The organization's default is the one in force for SOPs without their own.
    await t.withUser(claimsFor(w.people.admin.id), (tx) => tx.query('update public.organizations set review_interval_months = 12 where id = $1', [w.orgA]));
    near((await schedule(ref)).nextReviewAt, addMonths(s.effectiveAt!, 12), 1);
    await t.withUser(claimsFor(w.people.admin.id), (tx) => tx.query('update public.organizations set review_interval_months = 24 where id = $1', [w.orgA]));
  });

  it('"Reviewed, no change" signed 100 days later moves the next review one interval from then, with no new version; the history lists it', async () => {
    const ref = await effectiveSop();
    await setClock(t, 100 * DAY);
    const { review: r, schedule: s } = await review('author', ref, 'Checked against the line layout');
    const now = new Date((await dbNow(t)) * 1000).toISOString();
    near(r.reviewedAt, now);
    near(s.nextReviewAt, addMonths(r.reviewedAt, 24), 1);
    expect(s).toMatchObject({ effectiveVersionId: ref.versionId, lastReviewedBy: 'Ana Author' });
    near(s.lastReviewedAt, r.reviewedAt, 1);
    expect(r).toMatchObject({ versionId: ref.versionId, revisionLabel: '1.0', signerName: 'Ana Author', comment: 'Checked against the line layout', intervalMonths: 24, authMethod: 'password' });
    const [versions] = await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.sop_versions where sop_id = $1', [ref.sopId]));
    expect(versions!.n).toBe(1);
    const history = await t.withUser(claimsFor(w.people.viewer.id), (tx) => periodicReviewsOf(tx, ref));
    expect(history.map((h) => h.signerName)).toEqual(['Ana Author']);
  });

  it('a new effective version restarts the clock from its effective date', async () => {
    const v1 = await effectiveSop();
    await review('admin', v1);
    await setClock(t, 40 * DAY);
    const v2 = await makeEffective(t, w, await nextVersion(t, w, v1), 'minor');
    const s = await schedule(v2);
    expect(s.effectiveVersionId).toBe(v2.versionId);
    expect(s.lastReviewedAt).toBeNull();
    near(s.nextReviewAt, addMonths(s.effectiveAt!, 24), 1);
    near(s.effectiveAt, new Date((await dbNow(t)) * 1000).toISOString(), 10);
  });
});

describe('who may change and sign the review', () => {
  it('owners, admins and the SOP’s owner may; an author or viewer who does not own it gets 403, another org 404', async () => {
    const ref = await effectiveSop(w, 'approver');
    expect((await refusal(setInterval_('author', ref, 12))).status).toBe(403);
    expect((await refusal(setInterval_('viewer', ref, 12))).status).toBe(403);
    expect((await refusal(review('author', ref))).status).toBe(403);
    expect((await refusal(review('viewer', ref))).status).toBe(403);
    expect((await setInterval_('approver', ref, 12)).intervalMonths).toBe(12);
    expect((await review('approver', ref)).review.signerName).toBe('Paul Approver');
    expect((await review('owner', ref)).review.signerName).toBe('Olivia Owner');

    const stranger = t.withUser(claimsFor(w.people.other_org.id), (tx) => setReviewInterval(tx, { orgId: w.orgB, sopId: ref.sopId, months: 6 }));
    expect((await refusal(stranger)).status).toBe(404);
    expect((await refusal(t.withUser(claimsFor(w.people.other_org.id), (tx) => reviewScheduleOf(tx, { orgId: w.orgB, sopId: ref.sopId })))).status).toBe(404);
    expect((await refusal(signed(t, w.people.other_org, (tx) => confirmPeriodicReview(tx, { ...ref, orgId: w.orgB })))).status).toBe(404);
  });

  it('refuses an interval out of range (422/400), both an interval and a reason, a hash that is not the approved content (409), an exempt or unreleased SOP (409), and signing without a fresh password (401)', async () => {
    const ref = await effectiveSop();
    expect([400, 422]).toContain((await refusal(setInterval_('admin', ref, 121))).status);
    expect([400, 422]).toContain((await refusal(setInterval_('admin', ref, 0))).status);
    expect((await refusal(setInterval_('admin', ref, 12, 'Both at once'))).status).toBe(400);
    expect((await refusal(signed(t, w.people.admin, (tx) => confirmWithHash(tx, ref, 'f'.repeat(64))))).status).toBe(409);
    expect((await refusal(t.withUser(sessionClaims(w.people.admin), (tx) => confirmPeriodicReview(tx, ref)))).status).toBe(401);
    await setInterval_('admin', ref, null, 'Reviewed with the annual HACCP plan instead');
    expect((await refusal(review('admin', ref))).status).toBe(409);
    const draft = await newVersion(t, w);
    expect((await refusal(review('admin', draft))).status).toBe(409);
  });

  it('writes sop.review_interval_set and signature.signed + sop.periodic_review_signed; a repeated setting writes nothing', async () => {
    const ref = await effectiveSop();
    const before = Number((await t.asService((tx) => tx.query<{ s: number }>('select coalesce(max(seq), 0) as s from public.audit_events')))[0]!.s);
    await setInterval_('admin', ref, 12);
    await setInterval_('admin', ref, 12);
    await review('admin', ref, 'Still right');
    const events = await t.asService((tx) =>
      tx.query<{ action: string; data: Record<string, unknown>; reason: string }>('select action, data, reason from public.audit_events where org_id = $1 and seq > $2 order by seq', [w.orgA, before]),
    );
    expect(events.map((e) => e.action)).toEqual(['sop.review_interval_set', 'signature.signed', 'sop.periodic_review_signed']);
    expect(events[0]!.data).toMatchObject({ old: { interval_months: null }, new: { interval_months: 12 } });
    expect(events[1]!.data).toMatchObject({ meaning: 'reviewed_no_change' });
    expect(events[2]!.reason).toBe('Still right');
  });
});

describe('the SOP list', () => {
  it('filters review=overdue and review=due30 and sorts by next review, soonest first, across pages', async () => {
    const world = await createDcWorld(t, `prl${++worlds}`);
    const a = await effectiveSop(world);
    const b = await effectiveSop(world);
    const c = await effectiveSop(world);
    await newVersion(t, world); // never effective: unscheduled, last
    await setInterval_('admin', a, 1, undefined, world);
    await setInterval_('admin', b, 2, undefined, world);
    // 40 days on: a (1 month) is overdue, b (2 months) due within 30 days, c (24 months) not due.
    await setClock(t, 40 * DAY);
    const list = (f: Parameters<typeof listSops>[2]) => t.withUser(claimsFor(world.people.viewer.id), (tx) => listSops(tx, world.orgA, f));
    expect((await list({ limit: 25, review: 'overdue' })).items.map((s) => s.id)).toEqual([a.sopId]);
    expect((await list({ limit: 25, review: 'due30' })).items.map((s) => s.id)).toEqual([b.sopId]);
    const all = await list({ limit: 25, sort: 'next_review' });
    expect(all.items.map((s) => s.id).slice(0, 3)).toEqual([a.sopId, b.sopId, c.sopId]);
    expect(all.items[0]!.review).toMatchObject({ state: 'overdue' });
    expect(all.items[1]!.review?.state).toBe('due_soon');
    expect(all.items[2]!.review?.state).toBe('not_due');
    expect(all.items[3]!.review).toBeNull();
    // Pages of one: the same order, every SOP once.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      if (++pages > 10) throw new Error('the pages do not end');
      const page = await list({ limit: 1, sort: 'next_review', cursor });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((s) => s.id));
    // A cursor of the other order is refused (400), not misread.
    const updatedCursor = (await list({ limit: 1 })).nextCursor!;
    expect((await refusal(list({ limit: 1, sort: 'next_review', cursor: updatedCursor }))).status).toBe(400);
  });
});

describe('the reminder job', () => {
  function fakeMail(refuse: (m: EmailMessage) => boolean = () => false) {
    const sent: EmailMessage[] = [];
    return { sent, ctx: { asService: t.asService, appUrl: 'https://sop.example', sendEmail: async (m: EmailMessage) => (refuse(m) ? false : (sent.push(m), true)) } };
  }
  /** Move the clock to `days` before the SOP's due date, at the same time of day. */
  async function daysBefore(s: ReviewSchedule, days: number) {
    const real = Date.now() / 1000;
    await setClock(t, Math.round(Date.parse(s.nextReviewAt!) / 1000 - days * DAY - real));
  }
  const forWorld = (world: DcWorld, sent: EmailMessage[]) => {
    const emails = new Set(Object.values(world.people).map((p) => p.email));
    return sent.filter((m) => emails.has(m.to));
  };

  it('reminds the owner 30 days, 7 days and on the due date, each once; the next run sends nothing again', async () => {
    const world = await createDcWorld(t, `prj${++worlds}`);
    const ref = await effectiveSop(world);
    const s = await schedule(ref, world);
    const sop = await t.withUser(claimsFor(world.people.viewer.id), (tx) => tx.query<{ doc_number: string; title: string }>('select doc_number, title from public.sops where id = $1', [ref.sopId]));
    const name = `${sop[0]!.doc_number} ${sop[0]!.title}`;
    const mail = fakeMail();
    const run = async () => forWorld(world, (await sendReviewReminders(mail.ctx), mail.sent.splice(0)));

    await daysBefore(s, 31);
    expect(await run()).toEqual([]);
    await daysBefore(s, 30);
    const first = await run();
    expect(first.map((m) => [m.to, m.subject])).toEqual([[world.people.author.email, `Periodic review due in 30 days: ${name}`]]);
    expect(first[0]!.text).toContain(`https://sop.example/o/prj${worlds}-a/sops/${ref.sopId}`);
    expect(await run()).toEqual([]);
    await daysBefore(s, 12);
    expect(await run()).toEqual([]);
    await daysBefore(s, 7);
    expect((await run()).map((m) => m.subject)).toEqual([`Periodic review due in 7 days: ${name}`]);
    expect(await run()).toEqual([]);
    await daysBefore(s, 0);
    const due = await run();
    expect(due.filter((m) => m.to === world.people.author.email).map((m) => m.subject)).toEqual([`Periodic review due today: ${name}`]);
    await daysBefore(s, -2);
    expect((await run()).filter((m) => m.to === world.people.author.email)).toEqual([]);

    // Signed "reviewed, no change": a new due date, a new series (nothing due now).
    await review('author', ref, undefined, world);
    expect(await run()).toEqual([]);
  });

  it('a SOP first seen 5 days before its due date gets only the 7-day reminder; one first seen after it only the overdue one', async () => {
    const world = await createDcWorld(t, `prj${++worlds}`);
    const ref = await effectiveSop(world);
    const s = await schedule(ref, world);
    const mail = fakeMail();
    await daysBefore(s, 5);
    await sendReviewReminders(mail.ctx);
    expect(forWorld(world, mail.sent).map((m) => m.subject)).toEqual([expect.stringMatching(/^Periodic review due in 5 days: /)]);
    mail.sent.length = 0;

    const late = await effectiveSop(world);
    await daysBefore(await schedule(late, world), -3);
    await sendReviewReminders(mail.ctx);
    const subjects = forWorld(world, mail.sent).filter((m) => m.to === world.people.author.email).map((m) => m.subject);
    expect(subjects.filter((x) => x.startsWith('Periodic review overdue'))).toHaveLength(2); // both SOPs are now past due
    expect(subjects.some((x) => x.includes('in 30 days'))).toBe(false);
  });

  it('a SOP without an owner reminds every owner and admin; overdue SOPs escalate to them once per ISO week, all in one list', async () => {
    const world = await createDcWorld(t, `prj${++worlds}`);
    const a = await effectiveSop(world);
    const b = await effectiveSop(world);
    await t.asService((tx) => tx.query('update public.sops set owner_id = null where id = $1', [a.sopId]));
    const mail = fakeMail();
    const s = await schedule(a, world);
    await daysBefore(s, -1);
    await sendReviewReminders(mail.ctx);
    const got = forWorld(world, mail.sent);
    const admins = [world.people.owner.email, world.people.admin.email].sort();
    const overdueA = got.filter((m) => m.subject.startsWith('Periodic review overdue') && m.text.includes(a.sopId));
    expect(overdueA.map((m) => m.to).sort()).toEqual(admins);
    const escalations = got.filter((m) => m.subject.startsWith('Overdue periodic reviews at Plant A'));
    expect(escalations.map((m) => m.to).sort()).toEqual(admins);
    expect(escalations[0]!.subject).toBe('Overdue periodic reviews at Plant A: 2 SOPs');
    expect(escalations[0]!.text).toContain(a.sopId);
    expect(escalations[0]!.text).toContain(b.sopId);
    expect(escalations[0]!.text).toContain(`https://sop.example/o/prj${worlds}-a/sops?review=overdue`);

    mail.sent.length = 0;
    await sendReviewReminders(mail.ctx);
    expect(forWorld(world, mail.sent)).toEqual([]);
    // A week later: one more list each, and no reminder again.
    await daysBefore(s, -8);
    await sendReviewReminders(mail.ctx);
    expect(forWorld(world, mail.sent).map((m) => m.subject)).toEqual(['Overdue periodic reviews at Plant A: 2 SOPs', 'Overdue periodic reviews at Plant A: 2 SOPs']);
  });

  it('an email the provider refused is sent on the next run, and only then', async () => {
    const world = await createDcWorld(t, `prj${++worlds}`);
    const ref = await effectiveSop(world);
    let refuse = true;
    const mail = fakeMail(() => refuse);
    await daysBefore(await schedule(ref, world), 30);
    const r1 = await sendReviewReminders(mail.ctx);
    expect(forWorld(world, mail.sent)).toEqual([]);
    expect(r1.reminders).toBe(0);
    refuse = false;
    await sendReviewReminders(mail.ctx);
    expect(forWorld(world, mail.sent).map((m) => m.to)).toEqual([world.people.author.email]);
    mail.sent.length = 0;
    await sendReviewReminders(mail.ctx);
    expect(forWorld(world, mail.sent)).toEqual([]);
  });
});
