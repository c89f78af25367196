/**
 * TOTP factors: POST /factors (enroll, unverified), POST /factors/{id}/challenge,
 * POST /factors/{id}/verify (raises the session to aal2 and signs out the user's other aal1
 * sessions), DELETE /factors/{id}. Codes are SHA1, 6 digits, 30 s, checked with ±1 step;
 * wrong codes are limited per user (mfa-attempts.ts). Checks run in GoTrue's order:
 * authentication, then the factor id (loadFactor), then the body.
 */
import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { isUuid, uuid } from './crypto';
import { fail, json } from './http';
import { lockedError, lockedFor, lockForVerification, recordFailure, recordSuccess } from './mfa-attempts';
import { addAmr, authenticate, clientIpOf, insertRefreshToken, sessionResponse, type Authed } from './sessions';
import { field, storableText, uuidField } from './validate';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** loadFactor: the user's own factor, by a UUID from the path. */
async function ownFactor(tx: Tx, auth: Authed, factorId: string) {
  if (!isUuid(factorId)) throw fail(404, 'validation_failed', 'factor_id must be an UUID');
  const [factor] = await tx.query<{ id: string; secret: string; status: string; factor_type: string }>(
    'select id, secret, status::text, factor_type::text from auth.mfa_factors where id = $1 and user_id = $2',
    [factorId, auth.user.id],
  );
  if (!factor) throw fail(404, 'mfa_factor_not_found', 'Factor not found');
  return factor;
}

export async function enroll(ctx: Ctx): Promise<Response> {
  const secret = generateSecret();
  const result = await ctx.asService(async (tx) => {
    const auth = await authenticate(ctx, tx);
    if (field(ctx.body, 'factor_type') !== 'totp') throw fail(400, 'validation_failed', 'factor_type needs to be totp, phone or webauthn');
    const friendlyName = storableText(field(ctx.body, 'friendly_name'), 'friendly_name')?.slice(0, 120) ?? '';
    const issuer = (storableText(field(ctx.body, 'issuer'), 'issuer') || new URL(ctx.config.siteUrl).hostname).slice(0, 120);
    const now = ctx.now();
    await tx.query(
      `delete from auth.mfa_factors f where f.user_id = $1 and f.status = 'unverified' and f.created_at < $2
         and not exists (select 1 from auth.mfa_challenges c where c.factor_id = f.id)`,
      [auth.user.id, new Date(now.getTime() - 300_000).toISOString()],
    );
    const factors = await tx.query<{ friendly_name: string | null; status: string }>('select friendly_name, status::text from auth.mfa_factors where user_id = $1', [auth.user.id]);
    if (friendlyName && factors.some((f) => f.friendly_name === friendlyName)) throw fail(422, 'mfa_factor_name_conflict', `A factor with the friendly name "${friendlyName}" for this user already exists`);
    if (factors.length >= 10) throw fail(422, 'too_many_enrolled_mfa_factors', 'Maximum number of verified factors reached, unenroll to continue');
    if (factors.some((f) => f.status === 'verified') && auth.aal !== 'aal2') throw fail(403, 'insufficient_aal', 'AAL2 required to enroll a new factor');
    const id = uuid();
    await tx.query(
      "insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, secret, created_at, updated_at) values ($1, $2, $3, 'totp', 'unverified', $4, $5, $5)",
      [id, auth.user.id, friendlyName || null, secret, now.toISOString()],
    );
    return { id, email: auth.user.email, friendlyName, issuer };
  });
  const uri = generateURI({ issuer: result.issuer, label: result.email, secret, algorithm: 'sha1', digits: 6, period: 30 });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1 });
  return json({ id: result.id, type: 'totp', friendly_name: result.friendlyName, totp: { qr_code: svg, secret, uri } });
}

export async function challenge(ctx: Ctx, factorId: string): Promise<Response> {
  const res = await ctx.asService(async (tx) => {
    const auth = await authenticate(ctx, tx);
    await ownFactor(tx, auth, factorId);
    const id = uuid();
    const now = ctx.now();
    await tx.query('insert into auth.mfa_challenges (id, factor_id, created_at, ip_address) values ($1, $2, $3, $4::inet)', [id, factorId, now.toISOString(), clientIpOf(ctx)]);
    await tx.query('update auth.mfa_factors set last_challenged_at = $2 where id = $1', [factorId, now.toISOString()]);
    return { id, type: 'totp', expires_at: Math.floor(now.getTime() / 1000) + ctx.config.mfaChallengeExpSeconds };
  });
  return json(res);
}

export async function verify(ctx: Ctx, factorId: string): Promise<Response> {
  const outcome = await ctx.asService(async (tx) => {
    const auth = await authenticate(ctx, tx);
    const factor = await ownFactor(tx, auth, factorId);
    const challengeId = uuidField(ctx.body, 'challenge_id');
    const code = field(ctx.body, 'code')?.trim();
    if (!code) throw fail(400, 'validation_failed', 'Code needs to be non-empty');
    await lockForVerification(tx, auth.user.id);
    const locked = await lockedFor(tx, ctx, auth.user.id);
    if (locked) throw lockedError(locked);

    const [ch] = await tx.query<{ id: string; created_at: Date; verified_at: Date | null; same_ip: boolean }>(
      'select id, created_at, verified_at, ip_address = $3::inet as same_ip from auth.mfa_challenges where id = $1 and factor_id = $2',
      [challengeId ?? NIL_UUID, factorId, clientIpOf(ctx)],
    );
    if (!ch) throw fail(422, 'mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
    if (ch.verified_at || !ch.same_ip) throw fail(422, 'mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.');
    const now = ctx.now();
    if (now.getTime() > new Date(ch.created_at).getTime() + ctx.config.mfaChallengeExpSeconds * 1000) {
      await tx.query('delete from auth.mfa_challenges where id = $1', [ch.id]);
      return { expired: ch.id };
    }
    const ok = /^\d{6}$/.test(code) && verifySync({ secret: factor.secret, token: code, epochTolerance: 30, epoch: Math.floor(now.getTime() / 1000) }).valid;
    if (!ok) {
      await recordFailure(tx, ctx, auth.user, factor, ch.id);
      return { wrong: true as const };
    }
    if (!auth.sessionId) throw fail(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    await recordSuccess(tx, ctx, auth.user, factor, ch.id);
    const nowIso = now.toISOString();
    await tx.query('update auth.mfa_challenges set verified_at = $2 where id = $1', [ch.id, nowIso]);
    await tx.query("update auth.mfa_factors set status = 'verified', updated_at = $2 where id = $1", [factorId, nowIso]);
    await addAmr(tx, auth.sessionId, 'totp', now);
    await tx.query("update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = $3 where id = $1", [auth.sessionId, factorId, nowIso]);
    await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2 where session_id = $1 and revoked = false', [auth.sessionId, nowIso]);
    const refresh = await insertRefreshToken(tx, auth.user.id, auth.sessionId, null, now);
    await tx.query("delete from auth.sessions where user_id = $1 and id <> $2 and aal = 'aal1'", [auth.user.id, auth.sessionId]);
    await tx.query("delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = 'totp' and id <> $2", [auth.user.id, factorId]);
    return { session: await sessionResponse(tx, ctx, auth.user.id, auth.sessionId, refresh) };
  });
  // Expiry and wrong codes are answered after their transaction commits (challenge deleted, failure counted).
  if ('expired' in outcome) throw fail(422, 'mfa_challenge_expired', `MFA challenge ${outcome.expired} has expired, verify against another challenge or create a new challenge.`);
  if ('wrong' in outcome) throw fail(422, 'mfa_verification_failed', 'Invalid TOTP code entered');
  return json(outcome.session);
}

export async function unenroll(ctx: Ctx, factorId: string): Promise<Response> {
  await ctx.asService(async (tx) => {
    const auth = await authenticate(ctx, tx);
    const factor = await ownFactor(tx, auth, factorId);
    if (factor.status === 'verified' && auth.aal !== 'aal2') throw fail(422, 'insufficient_aal', 'AAL2 required to unenroll verified factor');
    await tx.query('delete from auth.mfa_factors where id = $1', [factorId]);
    await tx.query("update auth.sessions set aal = 'aal1', factor_id = null where factor_id = $1", [factorId]);
  });
  return json({ id: factorId });
}
