/**
 * The emulator's front door: maps `/auth/v1/...` requests to handlers and turns AuthErrors
 * into GoTrue's error responses. Anything unexpected is a 500 `unexpected_failure` with an
 * error id, logged without request secrets.
 */
import { randomUUID } from 'node:crypto';
import { logError } from '@/lib/log';
import type { Ctx, EmulatorDeps } from './context';
import { isUuid } from './crypto';
import { audit } from './audit';
import { AuthError, errorResponse, fail, json, parseBody, readBodyText } from './http';
import { signingKey } from './keys';
import * as mfa from './mfa';
import { isAdmin } from './sessions';
import { reauthenticate, recover, resend, signup } from './signup';
import { token } from './token';
import { getUser, logout, putUser } from './user';
import { userById, userJson } from './users';
import { verifyGet, verifyPost } from './verify';

type Handler = (ctx: Ctx, ...params: string[]) => Promise<Response>;

/** A path parameter, decoded; bad percent-encoding stays as it is (and fails the handler's own checks). */
function decodePathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The request body is parsed when a handler first reads ctx.body, so an endpoint that needs
 * a user answers 401 before it would answer bad_json, in GoTrue's middleware order.
 */
function withLazyBody(base: Omit<Ctx, 'body'>, text: string): Ctx {
  let body: Record<string, unknown> | undefined;
  return Object.defineProperty(base, 'body', { get: () => (body ??= parseBody(text)), enumerable: true }) as Ctx;
}

const ROUTES: [string, RegExp, Handler][] = [
  ['POST', /^\/signup$/, signup],
  ['POST', /^\/token$/, token],
  ['GET', /^\/verify$/, verifyGet],
  ['POST', /^\/verify$/, verifyPost],
  ['POST', /^\/resend$/, resend],
  ['POST', /^\/recover$/, recover],
  ['GET', /^\/user$/, getUser],
  ['PUT', /^\/user$/, putUser],
  ['GET', /^\/reauthenticate$/, reauthenticate],
  ['POST', /^\/reauthenticate$/, reauthenticate],
  ['POST', /^\/logout$/, logout],
  ['GET', /^\/settings$/, settings],
  ['GET', /^\/health$/, async () => json({ version: 'sopwright-emulator', name: 'GoTrue', description: 'SOPwright embedded Supabase Auth emulator' })],
  ['GET', /^\/\.well-known\/jwks\.json$/, jwks],
  ['POST', /^\/factors$/, mfa.enroll],
  ['POST', /^\/factors\/([^/]+)\/challenge$/, mfa.challenge],
  ['POST', /^\/factors\/([^/]+)\/verify$/, mfa.verify],
  ['DELETE', /^\/factors\/([^/]+)$/, mfa.unenroll],
  ['POST', /^\/sso$/, sso],
  ['GET', /^\/admin\/users\/([^/]+)$/, adminGetUser],
  ['DELETE', /^\/admin\/users\/([^/]+)$/, adminDeleteUser],
  ['DELETE', /^\/admin\/users\/([^/]+)\/factors\/([^/]+)$/, adminDeleteFactor],
];

async function settings(): Promise<Response> {
  return json({
    external: { email: true, phone: false, anonymous_users: false, saml: false },
    disable_signup: false,
    mailer_autoconfirm: false,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  });
}

async function jwks(ctx: Ctx): Promise<Response> {
  const key = await signingKey(ctx.asService);
  return json({ keys: [key.publicJwk] }, 200, { 'Cache-Control': 'public, max-age=600' });
}

/** requireSAMLEnabled runs before anything reads the request: SAML is off here, so always this. */
async function sso(): Promise<Response> {
  throw fail(404, 'saml_provider_disabled', 'SAML 2.0 is disabled');
}

async function requireAdmin(ctx: Ctx) {
  if (!(await isAdmin(ctx))) throw fail(403, 'not_admin', 'User not allowed');
}

async function adminGetUser(ctx: Ctx, id: string): Promise<Response> {
  await requireAdmin(ctx);
  if (!isUuid(id)) throw fail(404, 'validation_failed', 'user_id must be an UUID');
  const user = await ctx.asService(async (tx) => {
    const u = await userById(tx, id);
    return u ? userJson(tx, u) : null;
  });
  if (!user) throw fail(404, 'user_not_found', 'User not found');
  return json(user);
}

async function adminDeleteUser(ctx: Ctx, id: string): Promise<Response> {
  await requireAdmin(ctx);
  if (!isUuid(id)) throw fail(404, 'validation_failed', 'user_id must be an UUID');
  const soft = ctx.body.should_soft_delete === true;
  await ctx.asService(async (tx) => {
    if (!(await userById(tx, id))) throw fail(404, 'user_not_found', 'User not found');
    if (!soft) {
      await tx.query('delete from auth.users where id = $1', [id]);
      return;
    }
    const now = ctx.now().toISOString();
    await tx.query(
      `update auth.users set deleted_at = $2, email = null, encrypted_password = '', raw_user_meta_data = '{}', banned_until = 'infinity', updated_at = $2 where id = $1`,
      [id, now],
    );
    await tx.query(`update auth.identities set identity_data = '{}', provider_id = gen_random_uuid()::text where user_id = $1`, [id]);
    await tx.query('delete from auth.mfa_factors where user_id = $1', [id]);
    await tx.query('delete from auth.sessions where user_id = $1', [id]);
  });
  return json({});
}

/**
 * auth.admin.mfa.deleteFactor({ userId, id }): `DELETE /admin/users/{user_id}/factors/{factor_id}`
 * (GoTrue admin.go adminUserDeleteFactor, behind loadUser and loadFactor). Answers 200 with the
 * deleted Factor object. Like GoTrue, it deletes the factor (its challenges cascade) and logs
 * `factor_deleted`; sessions keep their row (the app's per-request check sees no verified factor
 * and asks for aal1 only).
 */
async function adminDeleteFactor(ctx: Ctx, userId: string, factorId: string): Promise<Response> {
  await requireAdmin(ctx);
  if (!isUuid(userId)) throw fail(404, 'validation_failed', 'user_id must be an UUID');
  const factor = await ctx.asService(async (tx) => {
    const user = await userById(tx, userId);
    if (!user) throw fail(404, 'user_not_found', 'User not found');
    if (!isUuid(factorId)) throw fail(404, 'validation_failed', 'factor_id must be an UUID');
    const [f] = await tx.query<{ id: string; friendly_name: string | null; factor_type: string; status: string; created_at: Date; updated_at: Date; last_challenged_at: Date | null }>(
      'select id, friendly_name, factor_type::text, status::text, created_at, updated_at, last_challenged_at from auth.mfa_factors where id = $1 and user_id = $2',
      [factorId, userId],
    );
    if (!f) throw fail(404, 'mfa_factor_not_found', 'Factor not found');
    await audit(tx, ctx, user, 'factor_deleted', { user_id: userId, factor_id: factorId });
    await tx.query('delete from auth.mfa_factors where id = $1', [factorId]);
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: f.id,
      ...(f.friendly_name ? { friendly_name: f.friendly_name } : {}),
      factor_type: f.factor_type,
      status: f.status,
      created_at: iso(f.created_at),
      updated_at: iso(f.updated_at),
      phone: '',
      last_challenged_at: iso(f.last_challenged_at),
    };
  });
  return json(factor);
}

export function createAuthEmulator(deps: EmulatorDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const path = url.pathname.replace(/^.*?\/auth\/v1/, '') || '/';
      try {
        const matches = ROUTES.filter(([, re]) => re.test(path));
        const route = matches.find(([method]) => method === request.method);
        if (!route) {
          if (matches.length) throw fail(405, 'method_not_allowed', 'Method not allowed');
          throw fail(404, 'not_found', 'Not found');
        }
        const params = (route[1].exec(path) ?? []).slice(1).map(decodePathParam);
        // Load (or create) the signing key before any handler opens a transaction: never nest
        // transactions (PGlite has one connection).
        await signingKey(deps.asService);
        const ctx = withLazyBody({ ...deps, now, request, url }, await readBodyText(request));
        return await route[2](ctx, ...params);
      } catch (err) {
        if (err instanceof AuthError) return errorResponse(err, request);
        const errorId = randomUUID();
        logError('auth emulator failure', { path, errorId, err });
        return errorResponse(fail(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information', { error_id: errorId }), request);
      }
    },
  };
}
