/**
 * Bad input to the emulator is a GoTrue 4xx error, never a 500: values Postgres cannot store
 * (NUL, lone surrogates, non-UUIDs for uuid columns, addresses that are not inet), bad
 * percent-encoding, malformed tokens; then a bounded fuzz of every route's fields.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, authHarnessForFile } from '../helpers/auth-harness';

const h = authHarnessForFile();
let token = '';
let factorId = '';
let secretKey = '';
beforeAll(async () => {
  const c = await h.confirmedUser('malformed@example.test');
  token = (await c.auth.getSession()).data.session!.access_token;
  factorId = (await c.auth.mfa.enroll({ factorType: 'totp' })).data!.id;
  secretKey = (await h.t.asService((tx) => tx.query<{ secret_key: string }>('select secret_key from embedded.auth_keys')))[0]!.secret_key;
});

type Case = [name: string, method: string, path: string, init: { body?: unknown; auth?: true | 'admin'; headers?: Record<string, string> }, status: number, code?: string];

const NUL = 'a\u0000b';
const LONE = 'x\ud800y';
const deep = (n: number): unknown => (n === 0 ? 'leaf' : { d: deep(n - 1) });
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const CASES: Case[] = [
  ['sign-up email with a NUL', 'POST', '/signup', { body: { email: `${NUL}@example.test`, password: PASSWORD } }, 400, 'validation_failed'],
  ['sign-up email with a lone surrogate', 'POST', '/signup', { body: { email: `${LONE}@example.test`, password: PASSWORD } }, 400, 'validation_failed'],
  ['sign-up metadata with a NUL', 'POST', '/signup', { body: { email: 'm1@example.test', password: PASSWORD, data: { full_name: NUL } } }, 400, 'validation_failed'],
  ['sign-up metadata key with a lone surrogate', 'POST', '/signup', { body: { email: 'm2@example.test', password: PASSWORD, data: { [LONE]: 1 } } }, 400, 'validation_failed'],
  ['sign-up metadata nested 3,000 deep', 'POST', '/signup', { body: { email: 'm3@example.test', password: PASSWORD, data: deep(3000) } }, 400, 'validation_failed'],
  ['sign-up code challenge too short', 'POST', '/signup', { body: { email: 'p1@example.test', password: PASSWORD, code_challenge: 'short', code_challenge_method: 's256' } }, 400, 'validation_failed'],
  ['sign-up code challenge with a NUL', 'POST', '/signup', { body: { email: 'p2@example.test', password: PASSWORD, code_challenge: `${CHALLENGE}${NUL}`, code_challenge_method: 's256' } }, 400, 'validation_failed'],
  ['sign-up with both email and phone', 'POST', '/signup', { body: { email: 'both@example.test', phone: '+15555550100', password: PASSWORD } }, 400, 'validation_failed'],
  ['sign-up with a phone', 'POST', '/signup', { body: { phone: '+15555550100', password: PASSWORD } }, 400, 'phone_provider_disabled'],
  ['recover with an array for the email (GoTrue cannot decode it)', 'POST', '/recover', { body: { email: ['a@example.test'] } }, 400, 'bad_json'],
  ['recover code challenge with a NUL', 'POST', '/recover', { body: { email: 'malformed@example.test', code_challenge: NUL, code_challenge_method: 'plain' } }, 400, 'validation_failed'],
  ['password grant email with a NUL', 'POST', '/token?grant_type=password', { body: { email: `${NUL}@example.test`, password: PASSWORD } }, 400, 'validation_failed'],
  ['password grant from an address that is not inet', 'POST', '/token?grant_type=password', { body: { email: 'malformed@example.test', password: PASSWORD }, headers: { 'X-Forwarded-For': '1.2.3', 'X-Real-IP': '1.2.3' } }, 200],
  ['refresh token that is a number', 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: 123456789012 } }, 400, 'bad_json'],
  ['refresh token of 13 characters', 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: 'abcdefghijklm' } }, 400, 'validation_failed'],
  ['PKCE exchange with a NUL auth code', 'POST', '/token?grant_type=pkce', { body: { auth_code: NUL, code_verifier: CHALLENGE } }, 404, 'flow_state_not_found'],
  ['PKCE exchange with a non-UUID auth code', 'POST', '/token?grant_type=pkce', { body: { auth_code: 'not-a-code', code_verifier: CHALLENGE } }, 404, 'flow_state_not_found'],
  ['verify token hash with a NUL', 'POST', '/verify', { body: { type: 'signup', token_hash: NUL } }, 403, 'otp_expired'],
  ['verify token hash with a lone surrogate', 'POST', '/verify', { body: { type: 'email', token_hash: LONE } }, 403, 'otp_expired'],
  ['verify OTP for an email with a NUL', 'POST', '/verify', { body: { type: 'signup', email: `${NUL}@example.test`, token: '123456' } }, 400, 'validation_failed'],
  ['verify of an unknown type', 'POST', '/verify', { body: { type: 'bogus', token_hash: 'x' } }, 400, 'validation_failed'],
  ['resend email with a NUL', 'POST', '/resend', { body: { type: 'signup', email: `${NUL}@example.test` } }, 400, 'validation_failed'],
  ['user update metadata with a NUL', 'PUT', '/user', { auth: true, body: { data: { full_name: NUL } } }, 400, 'validation_failed'],
  ['user update email with a NUL', 'PUT', '/user', { auth: true, body: { email: `${NUL}@example.test` } }, 400, 'validation_failed'],
  ['enroll with a NUL in the friendly name', 'POST', '/factors', { auth: true, body: { factor_type: 'totp', friendly_name: NUL } }, 400, 'validation_failed'],
  ['a Bearer token of garbage', 'GET', '/user', { headers: { Authorization: 'Bearer garbage' } }, 403, 'bad_jwt'],
  ['a Bearer token with alg none', 'GET', '/user', { headers: { Authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.` } }, 403, 'bad_jwt'],
  ['a logout scope that does not exist', 'POST', '/logout?scope=everyone', { auth: true }, 400, 'validation_failed'],
  ['a path with bad percent-encoding', 'DELETE', '/factors/%C0%AE', { auth: true }, 404, 'validation_failed'],
  ['an admin user id that is not a UUID', 'GET', '/admin/users/%00', { auth: 'admin' }, 404, 'validation_failed'],
  ['an admin delete of bad percent-encoding', 'DELETE', '/admin/users/%E0%A4%A', { auth: 'admin' }, 404, 'validation_failed'],
];

describe(`malformed input to the emulator (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it.each(CASES)('answers %s with a GoTrue error, not a 500', async (_name, method, path, init, status, code) => {
    const res = await h.raw(method, path, { body: init.body, token: init.auth === 'admin' ? secretKey : init.auth ? token : undefined, headers: init.headers });
    expect(res.status).toBe(status);
    if (code) expect(await res.json()).toMatchObject({ code, message: expect.any(String) });
  });

  it('redirects a GET /verify link whose token Postgres could not store, instead of failing', async () => {
    const res = await h.raw('GET', '/verify?type=signup&token=%00&redirect_to=http://localhost:3999/auth/confirm');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('error_code=otp_expired');
  });

  it('never answers 500 to arbitrary values in any route’s fields (bounded fuzz)', async () => {
    const routes: [string, string, string[], boolean][] = [
      ['POST', '/signup', ['email', 'password', 'data', 'phone', 'code_challenge', 'code_challenge_method'], false],
      ['POST', '/token?grant_type=password', ['email', 'password', 'phone'], false],
      ['POST', '/token?grant_type=refresh_token', ['refresh_token'], false],
      ['POST', '/token?grant_type=pkce', ['auth_code', 'code_verifier'], false],
      ['POST', '/verify', ['type', 'token', 'token_hash', 'email'], false],
      ['POST', '/resend', ['type', 'email', 'code_challenge', 'code_challenge_method'], false],
      ['POST', '/recover', ['email', 'code_challenge', 'code_challenge_method'], false],
      ['PUT', '/user', ['data', 'email', 'nonce'], true],
      ['POST', '/factors', ['factor_type', 'friendly_name', 'issuer'], true],
      ['POST', `/factors/${factorId}/verify`, ['challenge_id', 'code'], true],
      ['POST', '/sso', ['domain', 'provider_id'], false],
    ];
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom(NUL, LONE, '', ' ', '%00', '1'.repeat(36), 'a@b.c'));
    const nasty = fc.oneof(
      text,
      text.map((t) => `${t}@example.test`),
      text.map((t) => `${t}\u0000`),
      fc.dictionary(text, text, { maxKeys: 3 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.dictionary(fc.string(), nasty, { maxKeys: 3 }), fc.array(nasty, { minLength: 6, maxLength: 6 }), async ([method, path, fields, auth], extra, values) => {
        const body = { ...extra, ...Object.fromEntries(fields.map((f, i) => [f, values[i % values.length]])) };
        const res = await h.raw(method, path, { body, token: auth ? token : undefined });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('never answers 500 to arbitrary path segments where a factor or user id goes (bounded fuzz)', async () => {
    const segment = fc.oneof(fc.string({ unit: 'binary', minLength: 1 }).map(encodeURIComponent), fc.constantFrom('%', '%E0%A4%A', '%C0%AE', '%00', '..', '1'.repeat(36)));
    await fc.assert(
      fc.asyncProperty(segment, fc.constantFrom(['POST', '/factors/$/challenge'], ['POST', '/factors/$/verify'], ['DELETE', '/factors/$'], ['GET', '/admin/users/$']), async (id, [method, path]) => {
        const res = await h.raw(method!, path!.replace('$', id), { token, body: method === 'GET' ? undefined : { code: '123456' } });
        expect(res.status).toBeLessThan(500);
        expect(await res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
