/**
 * Migration 20261203000100_hazard_severity on data saved before it: working drafts whose
 * Health and safety holds plain strings get each string as {kind, text} with the severity of
 * the same text in the procedure, text kept byte for byte; versions are not touched; the draft
 * revision is bumped (an open editor must not overwrite the rewrite) but who edited the draft
 * and when are kept; a second run changes nothing; the update trigger works again afterwards.
 *
 * The database of a test is migrated when it is created, before any row exists, so the rows
 * are seeded here as the earlier schema wrote them and the migration's own file is then run on
 * them, the way `npm run db:migrate` runs it on a database that already holds SOPs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZSopContent, hazardOf } from '@/lib/sops/content';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

const MIGRATION = readFileSync(path.join(process.cwd(), 'supabase/migrations/20261203000100_hazard_severity.sql'), 'utf8');

let t: TestDb;
let user: { id: string; email: string };
let orgId: string;

// Texts with what a byte-for-byte check can catch: a trailing space, a line break, quotes, a backslash, non-ASCII and an emoji.
const HOT = 'Do not open any valve while the circuit is hot. ';
const EYEWASH = 'Eyewash station at door 2 — "check weekly"\\daily 👀';
const CAUSTIC = 'Caustic detergent burns skin\nand eyes.';
const TRAP = 'Only a caution.';

function legacyContent(cautions: unknown[]) {
  return {
    titleBlock: { title: 'CIP of the HTST', documentNumber: '', department: 'Production' },
    purpose: 'Clean the pasteurizer.',
    scope: 'Line 1.',
    responsibilities: [{ role: 'Operator', duties: 'Runs CIP.' }],
    definitions: [],
    materialsAndEquipment: [],
    healthAndSafety: { cautions, ppe: ['Gloves'] },
    procedure: [
      { text: 'Drain the line.', callouts: [{ kind: 'note', text: EYEWASH }], substeps: [] },
      {
        text: 'Run CIP.',
        callouts: [],
        substeps: [{ text: 'Heat to 75 °C.', callouts: [], substeps: [{ text: 'Hold 20 minutes.', callouts: [{ kind: 'warning', text: HOT }], substeps: [] }] }],
      },
      // The kind of one callout and the text of another: no single callout is a warning saying TRAP.
      { text: 'Rinse.', callouts: [{ kind: 'warning', text: 'Hot water.' }, { kind: 'caution', text: TRAP }], substeps: [] },
    ],
    records: [],
    references: [],
    revisionHistory: [],
  };
}

async function seedSop(title: string, draft: unknown): Promise<string> {
  const [row] = await t.asService((tx) =>
    tx.query<{ id: string }>(`insert into public.sops (org_id, title, created_by, draft_content) values ($1, $2, $3, '{}'::jsonb) returning id`, [orgId, title, user.id]),
  );
  // Saved by the user, as an autosave of the earlier schema left it (the trigger records who and when).
  await t.withUser(claimsFor(user.id, { email: user.email }), (tx) => tx.query('update public.sops set draft_content = $2::jsonb where id = $1', [row!.id, JSON.stringify(draft)]));
  return row!.id;
}

type SopRow = { draft: string; cautions: unknown; draft_revision: number; draft_updated_at: string; draft_updated_by: string | null; updated_at: string };
const sopRow = async (id: string) =>
  (
    await t.asService((tx) =>
      tx.query<SopRow>(
        `select draft_content::text as draft, draft_content -> 'healthAndSafety' -> 'cautions' as cautions, draft_revision,
                draft_updated_at::text, draft_updated_by::text, updated_at::text from public.sops where id = $1`,
        [id],
      ),
    )
  )[0]!;
const runMigration = () => t.db.transaction((tx) => tx.execScript(MIGRATION));

let legacyId: string;
let currentId: string;
let emptyId: string;
let versionText: string;
let before: SopRow;
let untouched: SopRow;

beforeAll(async () => {
  t = await createTestDb();
  user = await createUser(t, 'author@hazards.test');
  orgId = (await t.withUser(claimsFor(user.id, { email: user.email }), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Hazard Dairy', 'hazard-dairy')")))[0]!.id;

  legacyId = await seedSop('Legacy draft', legacyContent([HOT, EYEWASH, CAUSTIC, { kind: 'note', text: 'Already an object.' }, TRAP]));
  currentId = await seedSop('Current draft', legacyContent([{ kind: 'warning', text: HOT }]));
  emptyId = await seedSop('No hazards', legacyContent([]));
  // A signed-off snapshot in the old form: immutable, never rewritten.
  const [v] = await t.asService((tx) =>
    tx.query<{ content: string }>(`insert into public.sop_versions (org_id, sop_id, content, source, author_id) values ($1, $2, $3::jsonb, 'manual', $4) returning content::text`, [
      orgId,
      legacyId,
      JSON.stringify(legacyContent([HOT, EYEWASH])),
      user.id,
    ]),
  );
  versionText = v!.content;
  before = await sopRow(legacyId);
  untouched = await sopRow(currentId);
  await runMigration();
});
afterAll(async () => {
  await t?.close();
});

describe('migration 20261203000100_hazard_severity', () => {
  it('turns each plain string into a hazard with the severity the procedure gives the same text, else a caution, in order', async () => {
    const after = await sopRow(legacyId);
    expect(after.cautions).toEqual([
      { kind: 'warning', text: HOT },
      { kind: 'note', text: EYEWASH },
      { kind: 'caution', text: CAUSTIC },
      { kind: 'note', text: 'Already an object.' },
      { kind: 'caution', text: TRAP },
    ]);
    // The rest of the draft is as it was, and the result is content the schema reads.
    const a = JSON.parse(after.draft) as Record<string, unknown>;
    const b = JSON.parse(before.draft) as Record<string, unknown>;
    expect({ ...a, healthAndSafety: null }).toEqual({ ...b, healthAndSafety: null });
    expect(ZSopContent.parse(a).healthAndSafety.cautions.map(hazardOf).map((h) => h.kind)).toEqual(['warning', 'note', 'caution', 'note', 'caution']);
  });

  it('keeps each text byte for byte', async () => {
    const texts = await t.asService((tx) =>
      tx.query<{ text: string }>(`select e ->> 'text' as text from public.sops, jsonb_array_elements(draft_content -> 'healthAndSafety' -> 'cautions') with ordinality x(e, n) where id = $1 order by n`, [legacyId]),
    );
    expect(texts.map((r) => Buffer.from(r.text, 'utf8').toString('hex'))).toEqual([HOT, EYEWASH, CAUSTIC, 'Already an object.', TRAP].map((s) => Buffer.from(s, 'utf8').toString('hex')));
  });

  it('bumps the draft revision once and keeps who last edited the draft and when', async () => {
    const after = await sopRow(legacyId);
    expect(after.draft_revision).toBe(before.draft_revision + 1);
    expect(after.draft_updated_by).toBe(user.id);
    expect(after.draft_updated_at).toBe(before.draft_updated_at);
    expect(after.updated_at).toBe(before.updated_at);
  });

  it('leaves drafts without plain strings, and every version, exactly as they were', async () => {
    expect(await sopRow(currentId)).toEqual(untouched);
    expect((await sopRow(emptyId)).cautions).toEqual([]);
    const [v] = await t.asService((tx) => tx.query<{ content: string }>('select content::text as content from public.sop_versions where sop_id = $1', [legacyId]));
    expect(v!.content).toBe(versionText);
    expect(JSON.parse(v!.content).healthAndSafety.cautions).toEqual([HOT, EYEWASH]);
  });

  it('changes nothing when run again, and the update trigger is back on afterwards', async () => {
    const once = await sopRow(legacyId);
    await runMigration();
    expect(await sopRow(legacyId)).toEqual(once);
    await t.withUser(claimsFor(user.id, { email: user.email }), (tx) => tx.query(`update public.sops set draft_content = jsonb_set(draft_content, '{purpose}', '"Edited."') where id = $1`, [legacyId]));
    const edited = await sopRow(legacyId);
    expect(edited.draft_revision).toBe(once.draft_revision + 1);
    expect(edited.draft_updated_at).not.toBe(once.draft_updated_at);
    await expect(t.asService((tx) => tx.query('update public.sops set number = number + 1 where id = $1', [legacyId]))).rejects.toThrow(/identity and number cannot change/);
  });
});
