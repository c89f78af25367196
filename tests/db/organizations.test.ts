import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRole, createInvite, removeMember, renewInvite, revokeInvite } from '@/lib/orgs/service';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

let t: TestDb;
let owner: { id: string; email: string };
let admin: { id: string; email: string };
let author: { id: string; email: string };
let outsider: { id: string; email: string };
let orgId: string;

const as = (u: { id: string; email: string }) => claimsFor(u.id, { email: u.email });

beforeAll(async () => {
  t = await createTestDb();
  owner = await createUser(t, 'owner@org.test');
  admin = await createUser(t, 'admin@org.test');
  author = await createUser(t, 'author@org.test');
  outsider = await createUser(t, 'outsider@org.test');
  const [org] = await t.withUser(as(owner), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Acme Foods', 'acme-foods')"));
  orgId = org!.id;
  await t.asService((tx) =>
    tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'admin'), ($1, $3, 'author')", [orgId, admin.id, author.id]),
  );
});
afterAll(async () => {
  await t?.close();
});

const invite = async (by: { id: string; email: string }, email: string, role = 'viewer') => {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const [row] = await t.withUser(as(by), (tx) =>
    tx.query<{ id: string }>('insert into public.invites (org_id, email, role, token_hash, invited_by) values ($1, $2, $3, $4, $5) returning id', [orgId, email, role, hash, by.id]),
  );
  return { id: row!.id, hash };
};

describe('organizations', () => {
  it('makes the creator the owner and records org.created and member.joined', async () => {
    const members = await t.withUser(as(owner), (tx) => tx.query<{ user_id: string; role: string }>('select user_id, role from public.memberships where org_id = $1 order by role', [orgId]));
    expect(members).toContainEqual({ user_id: owner.id, role: 'owner' });
    const events = await t.withUser(as(owner), (tx) => tx.query<{ action: string }>('select action from public.audit_events where org_id = $1 order by seq', [orgId]));
    expect(events.map((e) => e.action).slice(0, 2)).toEqual(['org.created', 'member.joined']);
  });

  it('hides the organization from an outsider', async () => {
    const rows = await t.withUser(as(outsider), (tx) => tx.query('select id from public.organizations where id = $1', [orgId]));
    expect(rows).toEqual([]);
  });

  it('refuses a slug that is not URL-safe', async () => {
    await expect(t.withUser(as(outsider), (tx) => tx.query("select private.create_organization('X', 'Bad Slug!')"))).rejects.toThrow(/check constraint/);
  });

  it('does not let an admin make someone owner, nor an author change roles', async () => {
    await expect(
      t.withUser(as(admin), (tx) => tx.query("update public.memberships set role = 'owner' where org_id = $1 and user_id = $2", [orgId, author.id])),
    ).rejects.toThrow(/only an owner/);
    const changed = await t.withUser(as(author), (tx) => tx.query("update public.memberships set role = 'viewer' where org_id = $1 and user_id = $2 returning id", [orgId, admin.id]));
    expect(changed).toEqual([]);
  });

  it('keeps the last owner: cannot leave or be demoted', async () => {
    await expect(t.withUser(as(owner), (tx) => tx.query('delete from public.memberships where org_id = $1 and user_id = $2', [orgId, owner.id]))).rejects.toThrow(/last owner/);
    await expect(
      t.withUser(as(owner), (tx) => tx.query("update public.memberships set role = 'admin' where org_id = $1 and user_id = $2", [orgId, owner.id])),
    ).rejects.toThrow(/last owner/);
  });

  it('refuses plan changes from a user, even the owner', async () => {
    await expect(t.withUser(as(owner), (tx) => tx.query("update public.organizations set plan = 'team' where id = $1", [orgId]))).rejects.toThrow(/permission denied|server only/);
  });

  it('accepts an invite once, for the invited email only, and records it', async () => {
    const inv = await invite(admin, 'newbie@org.test', 'approver');
    const newbie = await createUser(t, 'newbie@org.test');
    await expect(t.withUser(as(outsider), (tx) => tx.query('select private.accept_invite($1, $2)', [inv.id, inv.hash]))).rejects.toThrow(/invite_wrong_account/);
    await expect(t.withUser(as(newbie), (tx) => tx.query('select private.accept_invite($1, $2)', [inv.id, 'f'.repeat(64)]))).rejects.toThrow(/invite_invalid/);
    await t.withUser(as(newbie), (tx) => tx.query('select private.accept_invite($1, $2)', [inv.id, inv.hash]));
    await expect(t.withUser(as(newbie), (tx) => tx.query('select private.accept_invite($1, $2)', [inv.id, inv.hash]))).rejects.toThrow(/invite_used/);
    const [m] = await t.withUser(as(newbie), (tx) => tx.query<{ role: string }>('select role from public.memberships where org_id = $1 and user_id = $2', [orgId, newbie.id]));
    expect(m?.role).toBe('approver');
  });

  it('refuses an expired invite', async () => {
    const inv = await invite(owner, 'late@org.test');
    const late = await createUser(t, 'late@org.test');
    await t.asService((tx) => tx.query("update public.invites set expires_at = now() - interval '1 second' where id = $1", [inv.id]));
    await expect(t.withUser(as(late), (tx) => tx.query('select private.accept_invite($1, $2)', [inv.id, inv.hash]))).rejects.toThrow(/invite_expired/);
  });

  it('answers "not allowed" (403) when a role may not manage members or invites — not "no such member"', async () => {
    const pending = await t.withUser(as(admin), (tx) => createInvite(tx, orgId, admin.id, 'pending@org.test', 'viewer'));
    const refusals: [string, () => Promise<unknown>][] = [
      ['remove another member', () => t.withUser(as(author), (tx) => removeMember(tx, orgId, admin.id))],
      ['change a role', () => t.withUser(as(author), (tx) => changeRole(tx, orgId, admin.id, 'viewer'))],
      ['resend an invite', () => t.withUser(as(author), (tx) => renewInvite(tx, orgId, pending.id))],
      ['withdraw an invite', () => t.withUser(as(author), (tx) => revokeInvite(tx, orgId, pending.id))],
      ['invite an existing member', () => t.withUser(as(author), (tx) => createInvite(tx, orgId, author.id, 'admin@org.test', 'viewer'))],
      ['invite someone new', () => t.withUser(as(author), (tx) => createInvite(tx, orgId, author.id, 'someone@org.test', 'viewer'))],
    ];
    for (const [what, attempt] of refusals) await expect(attempt(), what).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    // Nothing changed, and a real "not found" is still one.
    const roles = await t.withUser(as(owner), (tx) => tx.query<{ user_id: string; role: string }>('select user_id, role from public.memberships where org_id = $1 and user_id = $2', [orgId, admin.id]));
    expect(roles[0]?.role).toBe('admin');
    await expect(t.withUser(as(owner), (tx) => removeMember(tx, orgId, '00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.withUser(as(owner), (tx) => revokeInvite(tx, orgId, '00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({ code: 'not_found' });
    await t.withUser(as(owner), (tx) => revokeInvite(tx, orgId, pending.id));
  });

  it('transfers ownership, after which the old owner is an admin and may leave', async () => {
    await t.withUser(as(owner), (tx) => tx.query('select private.transfer_ownership($1, $2)', [orgId, admin.id]));
    const roles = await t.withUser(as(admin), (tx) => tx.query<{ user_id: string; role: string }>('select user_id, role from public.memberships where org_id = $1 and user_id in ($2, $3)', [orgId, owner.id, admin.id]));
    expect(Object.fromEntries(roles.map((r) => [r.user_id, r.role]))).toEqual({ [owner.id]: 'admin', [admin.id]: 'owner' });
    await t.withUser(as(owner), (tx) => tx.query('delete from public.memberships where org_id = $1 and user_id = $2', [orgId, owner.id]));
    const left = await t.withUser(as(owner), (tx) => tx.query('select id from public.organizations where id = $1', [orgId]));
    expect(left).toEqual([]);
  });

  it('keeps the audit trail append-only and its hash chain intact', async () => {
    await expect(t.asService((tx) => tx.query("update public.audit_events set action = 'x.y' where org_id = $1", [orgId]))).rejects.toThrow(/append-only/);
    await expect(t.asService((tx) => tx.query('delete from public.audit_events where org_id = $1', [orgId]))).rejects.toThrow(/append-only/);
    const [ok] = await t.withUser(as(admin), (tx) => tx.query<{ broken: string | null }>('select private.verify_audit_chain($1) as broken', [orgId]));
    expect(ok?.broken).toBeNull();
    const actions = await t.withUser(as(admin), (tx) => tx.query<{ action: string }>('select action from public.audit_events where org_id = $1 order by seq', [orgId]));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['org.created', 'member.joined', 'member.invited', 'invite.accepted', 'member.role_changed', 'org.ownership_transferred', 'member.removed']),
    );
  });

  it('detects a tampered audit row', async () => {
    // Simulate tampering below the app (a superuser disabling the trigger).
    await t.asService(async (tx) => {
      await tx.query('alter table public.audit_events disable trigger audit_events_append_only');
      await tx.query("update public.audit_events set data = '{}' where org_id = $1 and action = 'member.invited'", [orgId]);
      await tx.query('alter table public.audit_events enable trigger audit_events_append_only');
    });
    const [res] = await t.withUser(as(admin), (tx) => tx.query<{ broken: string | null }>('select private.verify_audit_chain($1) as broken', [orgId]));
    expect(res?.broken).not.toBeNull();
  });
});
