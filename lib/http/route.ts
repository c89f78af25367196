/**
 * The wrappers of /api/v1 route handlers. apiRoute (user-level routes: /orgs, /me/export …):
 * resolve the verified user (Bearer token or session cookie), validate path params, query and
 * JSON body with zod, rate limit per user (fail-closed), run the handler, and map every error
 * once to `{ error: { code, message } }`. Every answer is Cache-Control: no-store unless the
 * handler chose its own. orgRoute (everything under /orgs/{org}) runs the handler in inOrg():
 * one withUser() transaction, the organization resolved once, the declared permission checked;
 * the handler returns afterCommit(() => response) for work that must not hold the transaction
 * (email, rendering, a stream). Each route declares its OpenAPI description (`doc`), which its
 * handler carries as `operation` for the document (lib/http/openapi.ts). publicRoute (the
 * regulation library) is for public, read-only data: no user, the same validation and errors.
 */
import 'server-only';
import type { z } from 'zod';
import { apiClaims, requireApiUser, type CurrentUser } from '@/lib/auth/session';
import { getRateLimiter } from '@/lib/ratelimit';
import type { RateLimitRule } from '@/lib/ratelimit/types';
import { AppError } from '@/lib/errors';
import type { Permission } from '@/lib/orgs/permissions';
import { inOrg, inOrgChecked, type AfterCommit, type OrgScope } from '@/lib/orgs/scope';
import { NO_STORE, toErrorResponse } from './errors';
import type { Operation, RouteDoc } from './openapi';

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

interface RouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  body?: B;
  rateLimit?: RateLimitRule;
  /** Its entry in the OpenAPI document: required of orgRoute; tests/unit/openapi.test.ts requires it of every /api/v1 route. */
  doc?: RouteDoc;
}

export type RouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { operation?: Operation };

export interface HandlerInput<P, Q, B> {
  request: Request;
  user: CurrentUser;
  params: P;
  query: Q;
  body: B;
}

/** Enough for the largest SOP the content schema allows in practice; anything bigger is refused before parsing. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('bad_request', 'Send the body as JSON with Content-Type: application/json.', { status: 415 });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new AppError('bad_request', 'The request body is too large.', { status: 413 });
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError('bad_request', 'The request body is too large.', { status: 413 });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON.');
  }
}

/** Refuse with 429 and Retry-After when the bucket is empty or the store is unavailable (fail-closed). */
export async function enforceRateLimit(rule: RateLimitRule, key: string): Promise<void> {
  const r = await getRateLimiter().check(rule, key);
  if (!r.allowed) {
    throw new AppError(
      'rate_limited',
      r.reason === 'unavailable' ? 'The service is refusing requests for a moment. Try again shortly.' : `Too many requests. Try again in ${r.retryAfterSeconds} seconds.`,
      { headers: { 'Retry-After': String(r.retryAfterSeconds) } },
    );
  }
}

/** The path params and query, validated. */
async function parsedInput(options: { params?: z.ZodType; query?: z.ZodType }, request: Request, context: RouteContext) {
  return {
    params: options.params ? options.params.parse(await context.params) : undefined,
    query: options.query ? options.query.parse(Object.fromEntries(new URL(request.url).searchParams)) : undefined,
  };
}

/** Path params, query and JSON body, validated (the body read before any transaction opens). */
async function parsedRequest(options: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType }, request: Request, context: RouteContext) {
  const { params, query } = await parsedInput(options, request, context);
  return { params, query, body: options.body ? options.body.parse(await readJson(request)) : undefined };
}

/** Runs a handler: every error mapped once, no-store unless the handler chose its own caching. */
async function answered(run: () => Promise<Response>): Promise<Response> {
  try {
    const response = await run();
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', NO_STORE['Cache-Control']);
    return response;
  } catch (err) {
    return toErrorResponse(err);
  }
}

export function apiRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  options: RouteOptions<P, Q, B>,
  handler: (input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Response>,
): RouteHandler {
  const route = (request: Request, context: RouteContext) =>
    answered(async () => {
      const user = await requireApiUser(request);
      const { params, query, body } = await parsedRequest(options, request, context);
      if (options.rateLimit) await enforceRateLimit(options.rateLimit, user.id);
      return handler({ request, user, params, query, body } as HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>);
    });
  const { params, query, body, doc } = options;
  return Object.assign(route, { operation: doc && { ...doc, params, query, body } });
}

/**
 * A route anyone may call, signed in or not (the regulation library): path params and query
 * validated with zod, every error mapped to `{ error: { code, message } }`, no-store unless
 * the handler chose. No user and no body; keep such routes to public, read-only data. The
 * document lists it with no security requirement.
 */
export function publicRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  options: { params?: P; query?: Q; doc: RouteDoc },
  handler: (input: { request: Request; params: z.infer<P>; query: z.infer<Q> }) => Promise<Response>,
): RouteHandler {
  const route = (request: Request, context: RouteContext) =>
    answered(async () => {
      const { params, query } = await parsedInput(options, request, context);
      return handler({ request, params, query } as { request: Request; params: z.infer<P>; query: z.infer<Q> });
    });
  const { params, query, doc } = options;
  return Object.assign(route, { operation: { ...doc, params, query, public: true as const } });
}

type OrgHandlerInput<P, Q, B> = HandlerInput<P, Q, B> & OrgScope;

/**
 * A route under /orgs/{org}: `params` has the slug as `org`; `permission` is what the role needs (none: membership, as for reads).
 * Without a rate limit (the reads) the session check is the opening statement of the handler's
 * own transaction (inOrgChecked): one transaction per request. With one, the session is
 * checked first in its own, so that a revoked session never spends the user's tokens.
 */
export function orgRoute<P extends z.ZodType<{ org: string }>, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  options: RouteOptions<P, Q, B> & { params: P; permission?: Permission; doc: RouteDoc },
  handler: (input: OrgHandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Response | AfterCommit<Response>>,
): RouteHandler {
  const { permission, ...rest } = options;
  if (rest.rateLimit) return apiRoute<P, Q, B>(rest, (input) => inOrg(input.user, input.params.org, permission, (scope) => handler({ ...input, ...scope })));
  const route = (request: Request, context: RouteContext) =>
    answered(async () => {
      const claims = await apiClaims(request);
      const { params, query, body } = (await parsedRequest(rest, request, context)) as { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> };
      return inOrgChecked(claims, params.org, permission, (scope) => handler({ request, params, query, body, ...scope }));
    });
  const { params, query, body, doc } = rest;
  return Object.assign(route, { operation: { ...doc, params, query, body } });
}
