/**
 * Sign-up and confirmation against the emulator with the real supabase-js client: whoever
 * confirms an address gets the password of the sign-up whose link or code they used, and
 * the answers to /signup and /recover do not tell whether an address is registered.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD, SITE, authHarnessForFile } from '../helpers/auth-harness';

const OWNER_PW = 'owner chose this passphrase 1';
const ATTACKER_PW = 'attacker chose this passphrase 2';
const REDIRECT = { emailRedirectTo: `${SITE}/auth/confirm` };

const h = authHarnessForFile();

async function signIn(email: string, password: string) {
  return (await h.client().auth.signInWithPassword({ email, password })).error?.code ?? 'ok';
}

/** The JSON shape of a value: keys and value types, recursively (values themselves ignored). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

describe(`sign-up by someone else first (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('gives the owner the account with their own password when they use the newest link, and kills the older link', async () => {
    const email = 'victim@example.test';
    const attacker = await h.client().auth.signUp({ email, password: ATTACKER_PW, options: REDIRECT });
    expect(attacker.error).toBeNull();
    h.advance(61);
    const owner = h.client();
    expect((await owner.auth.signUp({ email, password: OWNER_PW, options: REDIRECT })).error).toBeNull();
    // Unconfirmed: the right password of either sign-up says "not confirmed", anything else is invalid.
    expect(await signIn(email, ATTACKER_PW)).toBe('email_not_confirmed');
    expect(await signIn(email, OWNER_PW)).toBe('email_not_confirmed');
    expect(await signIn(email, 'a guess at the password 3')).toBe('invalid_credentials');

    const [newest, older] = await h.links(email, 'signup');
    const back = await h.follow(newest!);
    expect((await owner.auth.exchangeCodeForSession(back.searchParams.get('code')!)).error).toBeNull();

    expect(await signIn(email, OWNER_PW)).toBe('ok');
    expect(await signIn(email, ATTACKER_PW)).toBe('invalid_credentials');
    const stale = await h.follow(older!);
    expect(stale.hash).toContain('error_code=otp_expired');
  });

  it('says in each confirmation email when its sign-up was asked for, so the owner can tell theirs from one someone else made', async () => {
    const email = 'which-one@example.test';
    await h.client().auth.signUp({ email, password: ATTACKER_PW, options: REDIRECT });
    h.advance(61);
    await h.client().auth.signUp({ email, password: OWNER_PW, options: REDIRECT });
    const sent = await h.mails(email, 'signup');
    expect(sent).toHaveLength(2);
    const times = sent.map((m) => /on (\d{4}-\d\d-\d\d at \d\d:\d\d UTC)/.exec(m.text)?.[1]);
    expect(times.every(Boolean)).toBe(true);
    expect(new Set(times).size).toBe(2);
    for (const m of sent) expect(m.text).toContain('every other sign-up for this address stops working');
  });

  it('gives the account the password of the older sign-up when its link is the one used, and kills the newer link', async () => {
    const email = 'older-wins@example.test';
    const first = h.client();
    await first.auth.signUp({ email, password: OWNER_PW, options: REDIRECT });
    h.advance(61);
    await h.client().auth.signUp({ email, password: ATTACKER_PW, options: REDIRECT });
    const [newest, older] = await h.links(email, 'signup');
    const back = await h.follow(older!);
    expect((await first.auth.exchangeCodeForSession(back.searchParams.get('code')!)).error).toBeNull();
    expect(await signIn(email, OWNER_PW)).toBe('ok');
    expect(await signIn(email, ATTACKER_PW)).toBe('invalid_credentials');
    expect((await h.follow(newest!)).hash).toContain('error_code=otp_expired');
  });

  it('applies the password of the sign-up whose emailed code is entered (POST /verify with email and token)', async () => {
    const email = 'by-code@example.test';
    await h.client().auth.signUp({ email, password: ATTACKER_PW });
    h.advance(61);
    await h.client().auth.signUp({ email, password: OWNER_PW });
    const code = await h.lastCode(email, 'signup');
    const verified = await h.client().auth.verifyOtp({ email, token: code, type: 'signup' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.last_sign_in_at).toBeTruthy();
    expect(await signIn(email, OWNER_PW)).toBe('ok');
    expect(await signIn(email, ATTACKER_PW)).toBe('invalid_credentials');
  });

  it('applies the password of the sign-up whose token hash is posted (POST /verify with token_hash)', async () => {
    const email = 'by-hash@example.test';
    await h.client().auth.signUp({ email, password: OWNER_PW });
    h.advance(61);
    await h.client().auth.signUp({ email, password: ATTACKER_PW });
    const [, older] = await h.links(email, 'signup');
    const tokenHash = new URL(older!).searchParams.get('token')!;
    const verified = await h.client().auth.verifyOtp({ token_hash: tokenHash, type: 'signup' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.last_sign_in_at).toBeTruthy();
    expect(await signIn(email, OWNER_PW)).toBe('ok');
    expect(await signIn(email, ATTACKER_PW)).toBe('invalid_credentials');
  });

  it('re-sends the newest pending sign-up, and its new link carries that sign-up’s password', async () => {
    const email = 'resend@example.test';
    await h.client().auth.signUp({ email, password: ATTACKER_PW, options: REDIRECT });
    h.advance(61);
    const owner = h.client();
    await owner.auth.signUp({ email, password: OWNER_PW, options: REDIRECT });
    h.advance(122);
    expect((await owner.auth.resend({ type: 'signup', email, options: REDIRECT })).error).toBeNull();
    const [resent, ...earlier] = await h.links(email, 'signup');
    expect(earlier).toHaveLength(2);
    const back = await h.follow(resent!);
    expect((await owner.auth.exchangeCodeForSession(back.searchParams.get('code')!)).error).toBeNull();
    expect(await signIn(email, OWNER_PW)).toBe('ok');
    expect(await signIn(email, ATTACKER_PW)).toBe('invalid_credentials');
  });

  it('returns last_sign_in_at in the user of a session from the PKCE exchange', async () => {
    const c = h.client();
    await c.auth.signUp({ email: 'pkce-user@example.test', password: PASSWORD, options: REDIRECT });
    const back = await h.follow(await h.lastLink('pkce-user@example.test', 'signup'));
    const { data, error } = await c.auth.exchangeCodeForSession(back.searchParams.get('code')!);
    expect(error).toBeNull();
    expect(data.user?.last_sign_in_at).toBeTruthy();
    expect(data.session?.user.last_sign_in_at).toBeTruthy();
  });
});

describe('email changes and pending sign-ups of the same address', () => {
  it('lets an email change take an address that only has pending sign-ups, and those sign-ups lapse', async () => {
    const changer = await h.confirmedUser('changer@example.test');
    await h.client().auth.signUp({ email: 'wanted@example.test', password: ATTACKER_PW, options: REDIRECT });
    expect((await changer.auth.updateUser({ email: 'wanted@example.test' }, REDIRECT)).error).toBeNull();
    const applied = await h.follow(await h.lastLink('wanted@example.test', 'email_change'));
    expect(applied.search + applied.hash).not.toContain('error');
    expect(await signIn('wanted@example.test', PASSWORD)).toBe('ok');
    expect(await signIn('wanted@example.test', ATTACKER_PW)).toBe('invalid_credentials');
    expect((await h.follow(await h.lastLink('wanted@example.test', 'signup'))).hash).toContain('error_code=otp_expired');
  });

  it('refuses an email change to an address registered meanwhile with email_exists, not a 500', async () => {
    const changer = await h.confirmedUser('changer2@example.test');
    expect((await changer.auth.updateUser({ email: 'taken@example.test' }, REDIRECT)).error).toBeNull();
    const changeLink = await h.lastLink('taken@example.test', 'email_change');
    await h.confirmedUser('taken@example.test');
    const refused = await h.follow(changeLink);
    expect(refused.hash).toContain('error_code=email_exists');
    expect(await signIn('changer2@example.test', PASSWORD)).toBe('ok');
  });
});

describe('answers that do not reveal whether an address is registered', () => {
  it('answers /signup for a confirmed address exactly like a new sign-up, on the first call and within 60 s', async () => {
    const known = 'registered@example.test';
    await h.confirmedUser(known);
    h.advance(61);
    const data = { full_name: 'Someone' };
    const answers = [];
    for (const email of [known, 'unregistered@example.test']) {
      const res = await h.raw('POST', '/signup', { body: { email, password: PASSWORD, data } });
      answers.push({ status: res.status, body: (await res.json()) as Record<string, unknown> });
    }
    const [registered, fresh] = answers;
    expect(registered!.status).toBe(200);
    expect(fresh!.status).toBe(200);
    expect(shape(registered!.body)).toEqual(shape(fresh!.body));
    expect(Object.keys(registered!.body)).toEqual(Object.keys(fresh!.body));
    expect(registered!.body.identities).toHaveLength(1);
    expect(registered!.body.confirmation_sent_at).toBeTruthy();
    expect(registered!.body.user_metadata).toEqual(fresh!.body.user_metadata);

    const again = [];
    for (const email of [known, 'unregistered@example.test']) {
      const res = await h.raw('POST', '/signup', { body: { email, password: PASSWORD, data } });
      again.push({ status: res.status, body: (await res.json()) as { code: string } });
    }
    expect(again[0]!.status).toBe(429);
    expect(again[1]!.status).toBe(429);
    expect(again[0]!.body.code).toBe('over_email_send_rate_limit');
    expect(again[1]!.body.code).toBe(again[0]!.body.code);
  });

  it('answers /recover the same for a registered and an unknown address, including the 429 within 60 s', async () => {
    const known = 'recover-known@example.test';
    await h.confirmedUser(known);
    const first = [await h.raw('POST', '/recover', { body: { email: known } }), await h.raw('POST', '/recover', { body: { email: 'recover-nobody@example.test' } })];
    expect(first.map((r) => r.status)).toEqual([200, 200]);
    expect(await first[0]!.json()).toEqual(await first[1]!.json());
    const second = [await h.raw('POST', '/recover', { body: { email: known } }), await h.raw('POST', '/recover', { body: { email: 'recover-nobody@example.test' } })];
    expect(second.map((r) => r.status)).toEqual([429, 429]);
    const [a, b] = (await Promise.all(second.map((r) => r.json()))) as { code: string }[];
    expect(a!.code).toBe('over_email_send_rate_limit');
    expect(b!.code).toBe(a!.code);
  });

  it('answers /resend the same for a confirmed, a pending and an unknown address, including the 429 within 60 s', async () => {
    await h.confirmedUser('resend-confirmed@example.test');
    await h.client().auth.signUp({ email: 'resend-pending@example.test', password: PASSWORD });
    h.advance(61);
    const emails = ['resend-confirmed@example.test', 'resend-pending@example.test', 'resend-nobody@example.test'];
    const first = await Promise.all(emails.map((email) => h.raw('POST', '/resend', { body: { email, type: 'signup' } })));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    const second = await Promise.all(emails.map((email) => h.raw('POST', '/resend', { body: { email, type: 'signup' } })));
    expect(second.map((r) => r.status)).toEqual([429, 429, 429]);
  });
});

describe('sign-up validation in GoTrue’s words', () => {
  it('answers 422 anonymous_provider_disabled to a sign-up with neither email nor phone', async () => {
    for (const body of [{}, { password: PASSWORD }, { email: '', phone: '', password: PASSWORD }]) {
      const res = await h.raw('POST', '/signup', { body });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' });
    }
  });

  it('words weak-password errors as GoTrue does, with every reason that applies', async () => {
    const short = await h.client().auth.signUp({ email: 'weak@example.test', password: 'short' });
    expect(short.error?.code).toBe('weak_password');
    expect(short.error?.message).toBe('Password should be at least 10 characters.');
    const common = await h.client().auth.signUp({ email: 'weak@example.test', password: 'password123' });
    expect(common.error?.message).toBe('Password is known to be weak and easy to guess, please choose a different one.');
    expect((common.error as unknown as { reasons: string[] }).reasons).toEqual(['pwned']);
    const both = await h.client().auth.signUp({ email: 'weak@example.test', password: 'password' });
    expect((both.error as unknown as { reasons: string[] }).reasons).toEqual(['length', 'pwned']);
    expect(both.error?.message).toBe('Password should be at least 10 characters. Password is known to be weak and easy to guess, please choose a different one.');
  });
});
