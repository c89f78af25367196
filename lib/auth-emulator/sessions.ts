/**
 * Sessions, refresh tokens and access tokens (GoTrue tokens/service.go): a session row per
 * sign-in, its amr claims, a chain of legacy refresh tokens, and ES256 access tokens whose
 * claims follow GoTrue's order exactly.
 */
import { isIP } from 'node:net';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { isUuid, newRefreshToken, uuid } from './crypto';
import { clientIp, fail } from './http';
import { signingKey } from './keys';
import { isBanned, userById, userJson, type UserRow } from './users';

export async function createSession(tx: Tx, ctx: Ctx, userId: string, method: string): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = uuid();
  const now = ctx.now();
  await tx.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip, not_after) values ($1, $2, $3, $3, 'aal1', $4, $5::inet, $6)`,
    [sessionId, userId, now.toISOString(), (ctx.request.headers.get('user-agent') ?? '').slice(0, 500), clientIpOf(ctx), new Date(now.getTime() + ctx.config.sessionLifetimeSeconds * 1000).toISOString()],
  );
  await addAmr(tx, sessionId, method, now);
  const refreshToken = await insertRefreshToken(tx, userId, sessionId, null, now);
  await tx.query('update auth.users set last_sign_in_at = $2 where id = $1', [userId, now.toISOString()]);
  return { sessionId, refreshToken };
}

/** The client address, as Postgres inet takes it ('0.0.0.0', unspecified, when it is not an address). */
export const clientIpOf = (ctx: Ctx): string => {
  const ip = clientIp(ctx.request);
  return isIP(ip) ? ip : '0.0.0.0';
};

export async function addAmr(tx: Tx, sessionId: string, method: string, now: Date) {
  await tx.query(
    `insert into auth.mfa_amr_claims (session_id, authentication_method, created_at, updated_at) values ($1, $2, $3, $3)
     on conflict (session_id, authentication_method) do update set updated_at = excluded.updated_at`,
    [sessionId, method, now.toISOString()],
  );
}

export async function insertRefreshToken(tx: Tx, userId: string, sessionId: string, parent: string | null, now: Date): Promise<string> {
  const token = newRefreshToken();
  await tx.query(
    'insert into auth.refresh_tokens (token, user_id, revoked, parent, session_id, created_at, updated_at) values ($1, $2, false, $3, $4, $5, $5)',
    [token, userId, parent, sessionId, now.toISOString()],
  );
  return token;
}

/** The token response (AccessTokenResponse) for a session, with the user as it is now (last_sign_in_at included). */
export async function sessionResponse(tx: Tx, ctx: Ctx, userId: string, sessionId: string, refreshToken: string, extra: Record<string, unknown> = {}) {
  const user = await userById(tx, userId);
  if (!user) throw fail(404, 'user_not_found', 'User not found');
  const [session] = await tx.query<{ aal: string }>('select aal::text from auth.sessions where id = $1', [sessionId]);
  const amr = await tx.query<{ method: string; ts: number }>(
    'select authentication_method as method, floor(extract(epoch from updated_at))::int as ts from auth.mfa_amr_claims where session_id = $1 order by updated_at desc, authentication_method',
    [sessionId],
  );
  const key = await signingKey(ctx.asService);
  const iat = Math.floor(ctx.now().getTime() / 1000);
  const exp = iat + ctx.config.jwtExpSeconds;
  const claims = {
    iss: ctx.config.issuer,
    sub: user.id,
    aud: 'authenticated',
    exp,
    iat,
    email: user.email ?? '',
    phone: '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: 'authenticated',
    aal: session?.aal ?? 'aal1',
    amr: amr.map((a) => ({ method: a.method, timestamp: Number(a.ts) })),
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  };
  const accessToken = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: exp - iat,
    expires_at: exp,
    refresh_token: refreshToken,
    user: await userJson(tx, user),
    ...extra,
  };
}

export interface Authed {
  user: UserRow;
  sessionId: string | null;
  aal: string;
  amr: { method: string; timestamp: number }[];
  claims: Record<string, unknown>;
}

const verified = new WeakMap<Ctx, Promise<Record<string, unknown>>>();

/**
 * requireAuthentication's first half, without the database: a Bearer JWT signed by us and
 * unexpired, with a UUID sub. Handlers call it before reading the body, so a request without
 * a valid token is answered 401/403 before any 400 about its body, as GoTrue's middleware
 * order does. Cached per request.
 */
export function verifyBearer(ctx: Ctx): Promise<Record<string, unknown>> {
  let p = verified.get(ctx);
  if (!p) {
    p = verifyToken(ctx);
    verified.set(ctx, p);
  }
  return p;
}

async function verifyToken(ctx: Ctx): Promise<Record<string, unknown>> {
  const header = ctx.request.headers.get('authorization') ?? '';
  const m = /^bearer (\S+)$/i.exec(header);
  if (!m?.[1]) throw fail(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const token = m[1];
  const key = await signingKey(ctx.asService);
  let claims: Record<string, unknown>;
  try {
    const header = decodeProtectedHeader(token);
    if (header.kid !== key.kid) throw new Error('unknown key');
    claims = (await jwtVerify(token, key.publicKey, { algorithms: ['ES256'], currentDate: ctx.now() })).payload as Record<string, unknown>;
  } catch (err) {
    throw fail(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${err instanceof Error ? err.message : 'invalid token'}`);
  }
  if (typeof claims.sub !== 'string' || !claims.sub) throw fail(403, 'bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(claims.sub)) throw fail(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
  return claims;
}

/** requireAuthentication: the verified Bearer JWT, its user and session loaded. */
export async function authenticate(ctx: Ctx, tx: Tx): Promise<Authed> {
  const claims = await verifyBearer(ctx);
  const user = await userById(tx, claims.sub as string);
  if (!user) throw fail(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  const sessionId = typeof claims.session_id === 'string' && isUuid(claims.session_id) && !/^0{8}-/.test(claims.session_id) ? claims.session_id : null;
  let aal = 'aal1';
  if (sessionId) {
    const [s] = await tx.query<{ aal: string }>('select aal::text from auth.sessions where id = $1 and user_id = $2', [sessionId, user.id]);
    if (!s) throw fail(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    aal = s.aal;
  }
  if (isBanned(user, ctx.now())) throw fail(403, 'user_banned', 'User is banned');
  return { user, sessionId, aal, amr: Array.isArray(claims.amr) ? (claims.amr as Authed['amr']) : [], claims };
}

/** Is this bearer an admin credential (the secret key itself, or a service_role JWT of ours)? */
export async function isAdmin(ctx: Ctx): Promise<boolean> {
  const m = /^bearer (\S+)$/i.exec(ctx.request.headers.get('authorization') ?? '');
  if (!m?.[1]) return false;
  const key = await signingKey(ctx.asService);
  if (m[1] === key.secretKey) return true;
  try {
    const { payload } = await jwtVerify(m[1], key.publicKey, { algorithms: ['ES256'] });
    return payload.role === 'service_role' || payload.role === 'supabase_admin';
  } catch {
    return false;
  }
}
