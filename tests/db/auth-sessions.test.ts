/**
 * Sessions and second factors against the emulator: refresh-token reuse ends the session
 * (for the emulator and for the app's per-request check), a deleted (banned forever) account
 * is refused cleanly, and TOTP codes cannot be guessed from an aal1 session.
 */
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { createAuthEmulator, defaultConfig } from '@/lib/auth-emulator';
import { markVerified, type JwtClaims } from '@/lib/db/claims';
import { writeToOutbox } from '@/lib/email/outbox';
import { decodeJwt } from 'jose';
import { KEY, PASSWORD, SITE, sessionStateOf, authHarnessForFile } from '../helpers/auth-harness';

const h = authHarnessForFile();

describe(`refresh-token reuse (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('ends the session when an old refresh token is reused: its access token no longer works anywhere', async () => {
    const email = 'reuse@example.test';
    await h.confirmedUser(email);
    const c = h.client();
    const first = (await c.auth.signInWithPassword({ email, password: PASSWORD })).data.session!.refresh_token;
    const current = (await c.auth.refreshSession()).data.session!;
    expect((await sessionStateOf(h.t, current.access_token)).session_active).toBe(true);

    h.advance(30); // past the 10 s reuse interval
    const reuse = await h.client().auth.refreshSession({ refresh_token: first });
    expect(reuse.error?.code).toBe('refresh_token_already_used');

    const user = await h.raw('GET', '/user', { token: current.access_token });
    expect(user.status).toBe(403);
    expect(((await user.json()) as { code: string }).code).toBe('session_not_found');
    expect((await sessionStateOf(h.t, current.access_token)).session_active).toBe(false);
    expect((await h.client().auth.refreshSession({ refresh_token: current.refresh_token })).error).not.toBeNull();
  });

  it('redeems a just-rotated parent token only within the 10 s reuse interval, even while its child is unused', async () => {
    const email = 'interval@example.test';
    await h.confirmedUser(email);
    const c = h.client();
    const parent = (await c.auth.signInWithPassword({ email, password: PASSWORD })).data.session!.refresh_token;
    const child = (await c.auth.refreshSession()).data.session!.refresh_token;

    h.advance(5);
    const retry = await h.client().auth.refreshSession({ refresh_token: parent });
    expect(retry.error).toBeNull();
    expect(retry.data.session?.refresh_token).toBe(child);

    h.advance(30);
    const late = await h.client().auth.refreshSession({ refresh_token: parent });
    expect(late.error?.code).toBe('refresh_token_already_used');
    expect((await h.client().auth.refreshSession({ refresh_token: child })).error).not.toBeNull();
  });
});

describe('a deleted account (banned_until = infinity)', () => {
  it('is refused with user_banned at sign-in, not a 500', async () => {
    const email = 'deleted@example.test';
    const c = await h.confirmedUser(email);
    const claims = markVerified(decodeJwt((await c.auth.getSession()).data.session!.access_token) as JwtClaims);
    await h.t.withUser(claims, (tx) => tx.query('select private.delete_my_account()'));
    const res = await h.raw('POST', '/token?grant_type=password', { body: { email, password: PASSWORD } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('user_banned');
  });

  it('is refused with user_banned on refresh and on GET /user, and the admin API still shows it', async () => {
    const email = 'banned@example.test';
    await h.confirmedUser(email);
    const { session, user } = (await h.client().auth.signInWithPassword({ email, password: PASSWORD })).data;
    await h.t.asService((tx) => tx.query("update auth.users set banned_until = 'infinity' where id = $1", [user!.id]));

    const refresh = await h.raw('POST', '/token?grant_type=refresh_token', { body: { refresh_token: session!.refresh_token } });
    expect([refresh.status, ((await refresh.json()) as { code: string }).code]).toEqual([400, 'user_banned']);
    const me = await h.raw('GET', '/user', { token: session!.access_token });
    expect([me.status, ((await me.json()) as { code: string }).code]).toEqual([403, 'user_banned']);
    const secret = (await h.t.asService((tx) => tx.query<{ secret_key: string }>('select secret_key from embedded.auth_keys')))[0]!.secret_key;
    const admin = await h.raw('GET', `/admin/users/${user!.id}`, { token: secret });
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as { banned_until: string }).banned_until).toBe('infinity');
  });
});

describe('TOTP verification attempts', () => {
  async function mfaUser(email: string) {
    const c = await h.confirmedUser(email);
    const { data } = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'app' });
    expect((await c.auth.mfa.challengeAndVerify({ factorId: data!.id, code: generateSync({ secret: data!.totp.secret }) })).error).toBeNull();
    return { factorId: data!.id, secret: data!.totp.secret };
  }

  async function aal1Session(email: string) {
    const c = h.client();
    expect((await c.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    return c;
  }

  const wrongCode = (secret: string) => (generateSync({ secret }) === '000000' ? '111111' : '000000');

  it('locks the factor after 5 failures within 15 minutes, refusing even the right code, across sessions and processes', async () => {
    const email = 'guesser@example.test';
    const { factorId, secret } = await mfaUser(email);
    for (let i = 0; i < 5; i++) {
      const c = await aal1Session(email); // a fresh aal1 session each time: the limit is per user and factor
      const res = await c.auth.mfa.challengeAndVerify({ factorId, code: wrongCode(secret) });
      expect(res.error?.code).toBe('mfa_verification_failed');
    }
    const locked = await (await aal1Session(email)).auth.mfa.challengeAndVerify({ factorId, code: generateSync({ secret }) });
    expect(locked.error?.status).toBe(429);
    expect(locked.error?.code).toBe('over_request_rate_limit');

    // A second emulator process on the same database sees the same lock.
    const other = createAuthEmulator({ asService: h.t.asService, config: defaultConfig(SITE, KEY), mailer: { send: (m) => writeToOutbox(h.t.asService, m) } });
    const token = (await (await aal1Session(email)).auth.getSession()).data.session!.access_token;
    const ch = await other.handle(new Request(`${SITE}/auth/v1/factors/${factorId}/challenge`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-Supabase-Api-Version': '2024-01-01' }, body: '{}' }));
    const { id: challengeId } = (await ch.json()) as { id: string };
    const viaOther = await other.handle(
      new Request(`${SITE}/auth/v1/factors/${factorId}/verify`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-Supabase-Api-Version': '2024-01-01' }, body: JSON.stringify({ challenge_id: challengeId, code: generateSync({ secret }) }) }),
    );
    expect(viaOther.status).toBe(429);
    expect(Number(viaOther.headers.get('retry-after'))).toBeGreaterThan(0);

    h.advance(16 * 60);
    const code = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 16 * 60 });
    const later = await (await aal1Session(email)).auth.mfa.challengeAndVerify({ factorId, code });
    expect(later.error).toBeNull();
  });

  it('writes failed attempts and the lockout to auth.audit_log_entries', async () => {
    const email = 'audited@example.test';
    const { factorId, secret } = await mfaUser(email);
    const c = await aal1Session(email);
    for (let i = 0; i < 6; i++) await c.auth.mfa.challengeAndVerify({ factorId, code: wrongCode(secret) });
    const rows = await h.t.asService((tx) =>
      tx.query<{ action: string; outcome: string; ip_address: string }>(
        `select payload->>'action' as action, payload->'traits'->>'outcome' as outcome, ip_address from auth.audit_log_entries
          where payload->>'actor_username' = $1 and payload->'traits'->>'factor_id' = $2 order by created_at`,
        [email, factorId],
      ),
    );
    const outcomes = rows.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'locked')).toHaveLength(1);
    expect(rows.every((r) => r.action === 'verification_attempted' && r.ip_address !== '')).toBe(true);
  });

  it('forgets earlier failures once a code is verified', async () => {
    const email = 'typo@example.test';
    const { factorId, secret } = await mfaUser(email);
    const c = await aal1Session(email);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await c.auth.mfa.challengeAndVerify({ factorId, code: wrongCode(secret) })).error?.code).toBe('mfa_verification_failed');
      expect((await c.auth.mfa.challengeAndVerify({ factorId, code: generateSync({ secret }) })).error).toBeNull();
    }
  });
});

describe('MFA request order and ids, as GoTrue answers them', () => {
  it('answers 401 no_authorization before looking at the body of /factors and /factors/{id}/verify', async () => {
    for (const [path, body] of [
      ['/factors', {}],
      ['/factors', { factor_type: 'nonsense' }],
      ['/factors/00000000-0000-4000-8000-000000000000/verify', {}],
      ['/factors/not-a-uuid/verify', { code: '' }],
      ['/factors/00000000-0000-4000-8000-000000000000/verify', '{not json'],
    ] as const) {
      const res = await h.raw('POST', path, { body });
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('no_authorization');
    }
  });

  it('answers 404 "factor_id must be an UUID" for a factor id that is not a UUID, on every factor route', async () => {
    const c = await h.confirmedUser('ids@example.test');
    const token = (await c.auth.getSession()).data.session!.access_token;
    for (const [method, path] of [
      ['POST', '/factors/not-a-uuid/challenge'],
      ['POST', '/factors/not-a-uuid/verify'],
      ['DELETE', '/factors/not-a-uuid'],
      ['POST', '/factors/%E0%A4%A/challenge'],
      ['POST', `/factors/${'1'.repeat(36)}/verify`],
    ] as const) {
      const res = await h.raw(method, path, { token, body: { code: '123456', challenge_id: '00000000-0000-4000-8000-000000000000' } });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ code: 'validation_failed', message: 'factor_id must be an UUID' });
    }
  });

  it('answers 400 for a challenge id that is not a UUID, and 422 for an unknown one', async () => {
    const c = await h.confirmedUser('challenge-ids@example.test');
    const token = (await c.auth.getSession()).data.session!.access_token;
    const { data } = await c.auth.mfa.enroll({ factorType: 'totp' });
    const bad = await h.raw('POST', `/factors/${data!.id}/verify`, { token, body: { challenge_id: 'nope', code: '123456' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('bad_json');
    const unknown = await h.raw('POST', `/factors/${data!.id}/verify`, { token, body: { challenge_id: '00000000-0000-4000-8000-000000000000', code: '123456' } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { code: string }).code).toBe('mfa_factor_not_found');
  });

  it('answers /sso with 404 saml_provider_disabled whatever the parameters', async () => {
    for (const body of [{}, { domain: 'acme.example', provider_id: 'x' }, { domain: 'acme.example' }]) {
      const res = await h.raw('POST', '/sso', { body });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' });
    }
  });
});
