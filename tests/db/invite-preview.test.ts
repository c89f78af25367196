/**
 * public.invite_for_token: what an invite link shows before sign-in — only to the holder of
 * the token, and nothing about an invite whose token is wrong.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinkPreview } from '@/lib/auth/invite-preview';
import { hashInviteToken } from '@/lib/orgs/service';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

let t: TestDb;
let inviteId: string;
const token = randomBytes(32).toString('base64url');

beforeAll(async () => {
  t = await createTestDb();
  const owner = await createUser(t, 'inviter@org.test');
  await t.asService((tx) => tx.query("update public.profiles set full_name = 'Olivia Owner' where id = $1", [owner.id]));
  const as = claimsFor(owner.id, { email: owner.email });
  const [org] = await t.withUser(as, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Acme Foods', 'acme-preview')"));
  const [row] = await t.withUser(as, (tx) =>
    tx.query<{ id: string }>("insert into public.invites (org_id, email, role, token_hash, invited_by) values ($1, 'new@org.test', 'approver', $2, $3) returning id", [org!.id, hashInviteToken(token), owner.id]),
  );
  inviteId = row!.id;
});
afterAll(async () => {
  await t?.close();
});

describe(`invite link preview (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('shows the organization, inviter, role and address to the token holder, signed out', async () => {
    expect(await t.withAnon((tx) => inviteLinkPreview(tx, inviteId, token))).toEqual({ orgName: 'Acme Foods', inviterName: 'Olivia Owner', role: 'approver', email: 'new@org.test', state: 'valid' });
  });

  it('shows nothing for a wrong token, a token of another invite, or a made-up id', async () => {
    expect(await t.withAnon((tx) => inviteLinkPreview(tx, inviteId, randomBytes(32).toString('base64url')))).toBeNull();
    expect(await t.withAnon((tx) => inviteLinkPreview(tx, inviteId, `${token}x`))).toBeNull();
    expect(await t.withAnon((tx) => inviteLinkPreview(tx, '00000000-0000-4000-8000-000000000000', token))).toBeNull();
    // The hash itself is not a token: presenting it matches nothing.
    expect(await t.withAnon((tx) => tx.query('select * from public.invite_for_token($1, $2)', [inviteId, hashInviteToken(token)]))).toEqual([]);
  });

  it('says used once accepted or withdrawn, and anon still cannot read invites or organizations', async () => {
    await t.asService((tx) => tx.query('update public.invites set revoked_at = now() where id = $1', [inviteId]));
    expect((await t.withAnon((tx) => inviteLinkPreview(tx, inviteId, token)))?.state).toBe('used');
    await expect(t.withAnon((tx) => tx.query('select * from public.invites'))).rejects.toThrow(/permission denied/);
    await expect(t.withAnon((tx) => tx.query('select * from public.organizations'))).rejects.toThrow(/permission denied/);
  });
});
