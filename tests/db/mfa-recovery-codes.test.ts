/**
 * Recovery codes in the database: a user learns only that their own codes exist and which
 * are used, never a hash through the table; a set is made only from an aal2 session; a code
 * is used once; each set and each use is an audit event in the user's organizations. And the
 * emulator's admin factor deletion, which a used code triggers.
 */
import { decodeJwt } from 'jose';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { recoveryCodeHashes, recoveryCodeStatus, replaceRecoveryCodes, useRecoveryCode } from '@/lib/account/service';
import { hashRecoveryCodes, matchRecoveryCode, newRecoveryCodes } from '@/lib/auth/recovery-codes';
import { signingKey } from '@/lib/auth-emulator';
import { markVerified, type JwtClaims } from '@/lib/db/claims';
import { claimsFor, createUser } from '../helpers/test-db';
import { PASSWORD, authHarnessForFile } from '../helpers/auth-harness';

const h = authHarnessForFile();

describe(`recovery codes (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('are made only at aal2, hidden from the table, used once, and audited', async () => {
    const owner = await createUser(h.t, 'codes-owner@example.test');
    const other = await createUser(h.t, 'codes-other@example.test');
    const aal1 = claimsFor(owner.id, { email: owner.email, aal: 'aal1' });
    const aal2 = claimsFor(owner.id, { email: owner.email, aal: 'aal2' });
    const [org] = await h.t.withUser(aal1, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Codes Org', 'codes-org')"));

    const codes = newRecoveryCodes();
    const hashes = await hashRecoveryCodes(codes);
    await expect(h.t.withUser(aal1, (tx) => replaceRecoveryCodes(tx, hashes, 'enrolled'))).rejects.toThrow(/aal2/);
    await expect(h.t.withUser(aal2, (tx) => replaceRecoveryCodes(tx, hashes.slice(0, 9), 'enrolled'))).rejects.toThrow(/10 codes/);
    await h.t.withUser(aal2, (tx) => replaceRecoveryCodes(tx, hashes, 'enrolled'));

    // The table answers existence and use, never the hash; the other user sees nothing.
    expect(await h.t.withUser(aal1, (tx) => recoveryCodeStatus(tx))).toEqual({ remaining: 10, total: 10 });
    await expect(h.t.withUser(aal1, (tx) => tx.query('select code_hash from public.mfa_recovery_codes'))).rejects.toThrow(/permission denied/);
    await expect(h.t.withUser(aal1, (tx) => tx.query('select * from public.mfa_recovery_codes'))).rejects.toThrow(/permission denied/);
    const otherClaims = claimsFor(other.id, { email: other.email });
    expect(await h.t.withUser(otherClaims, (tx) => tx.query('select id from public.mfa_recovery_codes'))).toEqual([]);
    expect(await h.t.withUser(otherClaims, (tx) => recoveryCodeHashes(tx))).toEqual([]);
    await expect(h.t.withUser(aal1, (tx) => tx.query("update public.mfa_recovery_codes set used_at = null where user_id = $1 returning id", [owner.id]))).rejects.toThrow(/permission denied/);
    await expect(h.t.withAnon((tx) => tx.query('select private.my_recovery_code_hashes()'))).rejects.toThrow(/permission denied/);

    // Used once: the server matches the hash, then marks it; a second use finds nothing.
    const stored = await h.t.withUser(aal1, (tx) => recoveryCodeHashes(tx));
    const id = await matchRecoveryCode(codes[3]!, stored);
    expect(id).not.toBeNull();
    expect(await h.t.withUser(otherClaims, (tx) => useRecoveryCode(tx, id!))).toBeNull(); // not theirs
    expect(await h.t.withUser(aal1, (tx) => useRecoveryCode(tx, id!))).toBe(9);
    expect(await h.t.withUser(aal1, (tx) => useRecoveryCode(tx, id!))).toBeNull();
    expect(await matchRecoveryCode(codes[3]!, await h.t.withUser(aal1, (tx) => recoveryCodeHashes(tx)))).toBeNull();
    expect(await h.t.withUser(aal1, (tx) => recoveryCodeStatus(tx))).toEqual({ remaining: 9, total: 10 });

    // A new set replaces every old code.
    const fresh = await hashRecoveryCodes(newRecoveryCodes());
    await h.t.withUser(aal2, (tx) => replaceRecoveryCodes(tx, fresh, 'regenerated'));
    expect(await matchRecoveryCode(codes[0]!, await h.t.withUser(aal1, (tx) => recoveryCodeHashes(tx)))).toBeNull();

    const events = await h.t.asService((tx) => tx.query<{ action: string; data: Record<string, unknown> }>('select action, data from public.audit_events where org_id = $1 and action like $2 order by seq', [org!.id, 'account.%']));
    expect(events.map((e) => e.action)).toEqual(['account.recovery_codes_created', 'account.recovery_code_used', 'account.recovery_codes_regenerated']);
    expect(events[1]!.data.remaining).toBe(9);
  });

  it('the emulator deletes a user’s factor for an admin only (DELETE /admin/users/{id}/factors/{id})', async () => {
    const email = 'factor-admin@example.test';
    const c = await h.confirmedUser(email);
    const { data: enrolled } = await c.auth.mfa.enroll({ factorType: 'totp' });
    const verified = await c.auth.mfa.challengeAndVerify({ factorId: enrolled!.id, code: generateSync({ secret: enrolled!.totp.secret }) });
    expect(verified.error).toBeNull();
    const userId = decodeJwt(verified.data!.access_token).sub!;
    const path = `/admin/users/${userId}/factors/${enrolled!.id}`;

    // Not with a user's token.
    expect((await h.raw('DELETE', path, { token: verified.data!.access_token })).status).toBe(403);
    const admin = (await signingKey(h.t.asService)).secretKey;
    expect(((await (await h.raw('DELETE', `/admin/users/${userId}/factors/not-a-uuid`, { token: admin })).json()) as { code: string }).code).toBe('validation_failed');
    expect(((await (await h.raw('DELETE', `/admin/users/${userId}/factors/00000000-0000-4000-8000-000000000000`, { token: admin })).json()) as { code: string }).code).toBe('mfa_factor_not_found');

    const res = await h.raw('DELETE', path, { token: admin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; factor_type: string; status: string };
    expect(body).toMatchObject({ id: enrolled!.id, factor_type: 'totp', status: 'verified' });
    expect(await h.t.asService((tx) => tx.query('select id from auth.mfa_factors where user_id = $1', [userId]))).toEqual([]);
    // Signing in again is one step (aal1 is all there is).
    const again = await h.client().auth.signInWithPassword({ email, password: PASSWORD });
    expect(again.data.user?.factors ?? []).toEqual([]);
    const claims = markVerified(decodeJwt(again.data.session!.access_token) as JwtClaims);
    const [state] = await h.t.withUser(claims, (tx) => tx.query<{ has_verified_factor: boolean }>('select * from private.current_session_state()'));
    expect(state!.has_verified_factor).toBe(false);
  });
});
