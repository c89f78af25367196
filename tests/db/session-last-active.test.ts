/**
 * "Last active" on the sessions list follows use of the app: the per-request check
 * (private.current_session_state()) stamps the session, at most once per 5 minutes.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { markVerified, type JwtClaims } from '@/lib/db/claims';
import { PASSWORD, sessionStateOf, authHarnessForFile } from '../helpers/auth-harness';

const h = authHarnessForFile();

describe(`session last active (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('stamps a session used after 5 minutes, and not again within 5 minutes', async () => {
    const email = 'active@example.test';
    await h.confirmedUser(email);
    const { data } = await h.client().auth.signInWithPassword({ email, password: PASSWORD });
    const token = data.session!.access_token;
    const sessionId = decodeJwt(token).session_id as string;
    const stamp = async () =>
      (await h.t.asService((tx) => tx.query<{ updated_at: string }>("select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as updated_at from auth.sessions where id = $1", [sessionId])))[0]!.updated_at;
    const setAgo = (interval: string) => h.t.asService((tx) => tx.query(`update auth.sessions set updated_at = now() - interval '${interval}' where id = $1`, [sessionId]));

    await setAgo('1 hour');
    const old = await stamp();
    expect((await sessionStateOf(h.t, token)).session_active).toBe(true);
    const fresh = await stamp();
    expect(fresh > old).toBe(true);

    const claims = markVerified(decodeJwt(token) as JwtClaims);
    const [listed] = await h.t.withUser(claims, (tx) => tx.query<{ last_active_at: Date }>('select last_active_at from private.list_my_sessions() where is_current'));
    expect(new Date(listed!.last_active_at).getTime()).toBeGreaterThan(new Date(`${old}Z`).getTime());

    await setAgo('1 minute');
    const recent = await stamp();
    await sessionStateOf(h.t, token);
    expect(await stamp()).toBe(recent);
  });

  it('does not touch another user’s session', async () => {
    await h.confirmedUser('a-active@example.test');
    await h.confirmedUser('b-active@example.test');
    const a = (await h.client().auth.signInWithPassword({ email: 'a-active@example.test', password: PASSWORD })).data.session!;
    const b = (await h.client().auth.signInWithPassword({ email: 'b-active@example.test', password: PASSWORD })).data.session!;
    const bId = decodeJwt(b.access_token).session_id as string;
    await h.t.asService((tx) => tx.query("update auth.sessions set updated_at = now() - interval '1 hour' where id = $1", [bId]));
    const before = await h.t.asService((tx) => tx.query<{ t: string }>('select updated_at::text as t from auth.sessions where id = $1', [bId]));
    await sessionStateOf(h.t, a.access_token);
    const after = await h.t.asService((tx) => tx.query<{ t: string }>('select updated_at::text as t from auth.sessions where id = $1', [bId]));
    expect(after[0]!.t).toBe(before[0]!.t);
  });
});
