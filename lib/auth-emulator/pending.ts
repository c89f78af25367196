/**
 * Sign-ups not yet confirmed (embedded.pending_signups). Each sign-up of an address is its
 * own row with its own password hash, metadata, link and PKCE flow; no auth.users row
 * exists until one of them is confirmed. Confirming creates the user from that row (its
 * password, its metadata, the id it was answered with) and deletes every other pending
 * sign-up of the address with its link, so whoever signed up with someone else's address
 * first gets nothing when the owner confirms their own sign-up.
 */
import type { Tx } from '@/lib/db/types';
import { audit } from './audit';
import type { Ctx } from './context';
import { newOtp, tokenHash, uuid } from './crypto';
import { fail } from './http';
import { userByEmail, userById, type UserRow } from './users';
import type { Pkce } from './validate';

/** At most this many pending sign-ups per address (older ones are dropped with their links). */
const MAX_PENDING = 5;

export interface PendingSignup {
  id: string;
  identity_id: string;
  email: string;
  encrypted_password: string;
  user_metadata: Record<string, unknown>;
  token_hash: string;
  flow_state_id: string | null;
  created_at: Date;
  sent_at: Date;
}

const COLUMNS = 'id, identity_id, email, encrypted_password, user_metadata, token_hash, flow_state_id, created_at, sent_at';

/** Serialize sign-up and confirmation of one address (two links clicked at once, say). */
export async function lockAddress(tx: Tx, email: string) {
  await tx.query("select pg_advisory_xact_lock(74201, hashtext('signup:' || $1))", [email]);
}

/** The identity that a user created from this sign-up will have (GoTrue's provider.Claims first). */
export function identityData(id: string, email: string, data: Record<string, unknown>, verified: boolean) {
  return { ...data, sub: id, email, email_verified: verified, phone_verified: false };
}

/**
 * The /signup answer (models.User of an unconfirmed sign-up). Built the same way for a new
 * address and for one that is already registered, so the two cannot be told apart.
 */
export function signupAnswer(p: { id: string; identityId: string; email: string; data: Record<string, unknown> }, at: Date) {
  const now = at.toISOString();
  return {
    id: p.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: p.email,
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: p.data,
    identities: [
      {
        identity_id: p.identityId,
        id: p.id,
        user_id: p.id,
        identity_data: identityData(p.id, p.email, p.data, false),
        provider: 'email',
        last_sign_in_at: now,
        created_at: now,
        updated_at: now,
        email: p.email,
      },
    ],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

async function newFlowState(tx: Tx, userId: string, pkce: Pkce, at: string): Promise<string> {
  const id = uuid();
  await tx.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'email', 'email/signup', $6, $6)`,
    [id, userId, uuid(), pkce.method, pkce.challenge, at],
  );
  return id;
}

async function deletePending(tx: Tx, where: string, params: unknown[]): Promise<void> {
  const gone = await tx.query<{ flow_state_id: string | null }>(`delete from embedded.pending_signups where ${where} returning flow_state_id`, params);
  const flows = gone.flatMap((g) => g.flow_state_id ?? []);
  if (flows.length) await tx.query('delete from auth.flow_state where id = any($1::uuid[])', [flows]);
}

/** Drop every pending sign-up of an address (it now belongs to a confirmed account). */
export const dropPending = (tx: Tx, email: string) => deletePending(tx, 'email = $1', [email.toLowerCase()]);

/** Store a new sign-up (caller holds lockAddress); returns its answer ids and link token. */
export async function createPending(tx: Tx, ctx: Ctx, s: { email: string; passwordHash: string; data: Record<string, unknown>; pkce: Pkce | null }) {
  const now = ctx.now();
  const at = now.toISOString();
  await deletePending(tx, 'email = $1 and sent_at < $2', [s.email, new Date(now.getTime() - ctx.config.otpExpSeconds * 1000).toISOString()]);
  await deletePending(tx, 'id in (select id from embedded.pending_signups where email = $1 order by sent_at desc offset $2)', [s.email, MAX_PENDING - 1]);
  const id = uuid();
  const identityId = uuid();
  const otp = newOtp();
  const hash = (s.pkce ? 'pkce_' : '') + tokenHash(s.email, otp);
  const flow = s.pkce ? await newFlowState(tx, id, s.pkce, at) : null;
  await tx.query(
    `insert into embedded.pending_signups (${COLUMNS}) values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $8)`,
    [id, identityId, s.email, s.passwordHash, JSON.stringify(s.data), hash, flow, at],
  );
  return { id, identityId, hash, otp };
}

/** POST /resend: a new link and code for the newest pending sign-up of the address, if any. */
export async function reissueNewest(tx: Tx, ctx: Ctx, email: string, pkce: Pkce | null): Promise<{ hash: string; otp: string } | null> {
  const [p] = await tx.query<PendingSignup & Record<string, unknown>>(`select ${COLUMNS} from embedded.pending_signups where email = $1 and sent_at >= $2 order by sent_at desc limit 1`, [
    email,
    new Date(ctx.now().getTime() - ctx.config.otpExpSeconds * 1000).toISOString(),
  ]);
  if (!p) return null;
  const at = ctx.now().toISOString();
  const otp = newOtp();
  const hash = (pkce ? 'pkce_' : '') + tokenHash(email, otp);
  if (p.flow_state_id) await tx.query('delete from auth.flow_state where id = $1', [p.flow_state_id]);
  const flow = pkce ? await newFlowState(tx, p.id, pkce, at) : null;
  await tx.query('update embedded.pending_signups set token_hash = $2, flow_state_id = $3, sent_at = $4 where id = $1', [p.id, hash, flow, at]);
  return { hash, otp };
}

/** The pending sign-up a link (token hash) or an emailed code (email + OTP hash) belongs to. */
export async function findPending(tx: Tx, ctx: Ctx, match: { hash: string } | { email: string; otpHash: string }): Promise<PendingSignup | undefined> {
  const [found] =
    'hash' in match
      ? await tx.query<PendingSignup & Record<string, unknown>>(`select ${COLUMNS} from embedded.pending_signups where token_hash = $1`, [match.hash])
      : await tx.query<PendingSignup & Record<string, unknown>>(`select ${COLUMNS} from embedded.pending_signups where email = $1 and token_hash in ($2, 'pkce_' || $2)`, [match.email, match.otpHash]);
  if (!found) return undefined;
  // Re-read under the address lock: a confirmation that just committed may have removed it.
  await lockAddress(tx, found.email);
  const [p] = await tx.query<PendingSignup & Record<string, unknown>>(`select ${COLUMNS} from embedded.pending_signups where id = $1`, [found.id]);
  if (!p || ctx.now().getTime() > new Date(p.sent_at).getTime() + ctx.config.otpExpSeconds * 1000) return undefined;
  return p;
}

/**
 * Confirm a pending sign-up (caller holds lockAddress via findPending): the user is created
 * from it, and every other pending sign-up of the address (password, link, flow) is gone.
 * Null when the address was registered meanwhile (the link is then simply invalid).
 */
export async function confirmPending(tx: Tx, ctx: Ctx, p: PendingSignup): Promise<UserRow | null> {
  const existing = await userByEmail(tx, p.email);
  await deletePending(tx, 'email = $1 and id <> $2', [p.email, p.id]);
  await tx.query('delete from embedded.pending_signups where id = $1', [p.id]);
  if (existing?.email_confirmed_at) return null;
  // An unconfirmed row from before pending sign-ups existed carries a password nobody proved.
  if (existing) await tx.query('delete from auth.users where id = $1 and email_confirmed_at is null', [existing.id]);
  const now = ctx.now().toISOString();
  await tx.query(
    `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_sent_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
     values ($1, 'authenticated', 'authenticated', $2, $3, $4, $5, '{"provider":"email","providers":["email"]}', $6::jsonb, $7, $4, false)`,
    [p.id, p.email, p.encrypted_password, now, new Date(p.sent_at).toISOString(), JSON.stringify({ ...p.user_metadata, email_verified: true }), new Date(p.created_at).toISOString()],
  );
  await tx.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at) values ($1, $2::text, $2::uuid, $3::jsonb, 'email', $4, $4, $4)`,
    [p.identity_id, p.id, JSON.stringify(identityData(p.id, p.email, p.user_metadata, true)), now],
  );
  const user = (await userById(tx, p.id))!;
  await audit(tx, ctx, user, 'user_signedup', { provider: 'email' });
  return user;
}

/** Password hashes of the address's live pending sign-ups (to answer email_not_confirmed). */
export async function pendingPasswordHashes(tx: Tx, ctx: Ctx, email: string): Promise<string[]> {
  const rows = await tx.query<{ encrypted_password: string }>(
    'select encrypted_password from embedded.pending_signups where email = $1 and sent_at >= $2 order by sent_at desc limit $3',
    [email, new Date(ctx.now().getTime() - ctx.config.otpExpSeconds * 1000).toISOString(), MAX_PENDING],
  );
  return rows.map((r) => r.encrypted_password);
}

export const linkInvalid = (viaLink: boolean) => fail(403, 'otp_expired', viaLink ? 'Email link is invalid or has expired' : 'Token has expired or is invalid');
