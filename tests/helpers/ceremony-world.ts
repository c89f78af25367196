/**
 * A document-control world for tests of the signing ceremony with the auth emulator in process:
 * the app's database is the harness's, everyone has a password the emulator checks (bcrypt, as
 * its sign-up stores it), and one person enrolls an authenticator app through supabase-js, as
 * the security page does.
 */
import bcrypt from 'bcryptjs';
import { generateSync } from 'otplib';
import { expect } from 'vitest';
import { PASSWORD, type AuthHarness } from './auth-harness';
import { createDcWorld, type DcWorld } from './document-control';

export interface CeremonyWorld {
  ceremony: typeof import('@/lib/document-control/ceremony');
  w: DcWorld;
  /** The TOTP secret of `totpSigner`. */
  totpSecret: string;
}

export async function ceremonyWorld(h: AuthHarness, slug: string, totpSigner: keyof DcWorld['people']): Promise<CeremonyWorld> {
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(h.t.db);
  const ceremony = await import('@/lib/document-control/ceremony');
  const w = await createDcWorld(h.t, slug);
  const hash = bcrypt.hashSync(PASSWORD, 4);
  await h.t.asService((tx) => tx.query('update auth.users set encrypted_password = $1', [hash]));
  const c = h.client();
  expect((await c.auth.signInWithPassword({ email: w.people[totpSigner].email, password: PASSWORD })).error).toBeNull();
  const { data } = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone' });
  const totpSecret = data!.totp.secret;
  expect((await c.auth.mfa.challengeAndVerify({ factorId: data!.id, code: generateSync({ secret: totpSecret }) })).error).toBeNull();
  return { ceremony, w, totpSecret };
}
