/**
 * The form-action wrapper (lib/http/action.ts) against the database (PGlite or Postgres):
 * orgAction resolves the organization from the form's slug inside inOrg's transaction, checks
 * the declared permission before the handler runs, rate limits per user (a limiter that cannot
 * answer refuses), turns AppError and ZodError into the form's message, runs afterCommit work
 * once the transaction has committed, and lets redirect() through. requireUser and the
 * limiter are stand-ins; everything else is the real code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/session';
import type { RateLimitResult } from '@/lib/ratelimit/types';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

const session = vi.hoisted(() => ({ user: undefined as CurrentUser | undefined }));
const limiter = vi.hoisted(() => ({ result: { allowed: true, remaining: 1 } as RateLimitResult, calls: [] as unknown[][] }));
vi.mock('@/lib/auth/session', () => ({ requireUser: async () => session.user! }));
vi.mock('@/lib/ratelimit', () => ({ getRateLimiter: () => ({ check: async (...args: unknown[]) => (limiter.calls.push(args), limiter.result) }) }));

let t: TestDb;
let owner: CurrentUser;
let author: CurrentUser;
let outsider: CurrentUser;
let wrapper: typeof import('@/lib/http/action');

const user = async (email: string): Promise<CurrentUser> => {
  const u = await createUser(t, email);
  return { id: u.id, email: u.email, claims: claimsFor(u.id, { email: u.email }), aal: 'aal1', hasMfa: false };
};

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

const orgName = () => t.asService(async (tx) => (await tx.query<{ name: string }>("select name from public.organizations where slug = 'wrapped-foods'"))[0]!.name);

beforeAll(async () => {
  t = await createTestDb();
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(t.db);
  wrapper = await import('@/lib/http/action');
  owner = await user('owner@wrapped.test');
  author = await user('author@wrapped.test');
  outsider = await user('outsider@wrapped.test');
  const [org] = await t.withUser(owner.claims, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Wrapped Foods', 'wrapped-foods')"));
  await t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'author')", [org!.id, author.id]));
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  session.user = owner;
  limiter.result = { allowed: true, remaining: 1 };
  limiter.calls = [];
});

const ZRename = z.object({ slug: z.string(), name: z.string().min(3, 'Use at least 3 characters.') });

describe('orgAction', () => {
  const rename = () => {
    const seen: string[] = [];
    const action = wrapper.orgAction({ input: ZRename, permission: 'org.update', echo: ['name'] }, async ({ org, input, tx, user: who }) => {
      seen.push(`${who.email} ${org.role} ${org.slug}`);
      await tx.query('update public.organizations set name = $2 where id = $1', [org.id, input.name]);
      if (input.name === 'Rolled Back') throw new (await import('@/lib/errors')).AppError('conflict', 'Refused after the write.');
      return { notice: `Renamed to ${input.name}.` };
    });
    return { action, seen };
  };

  it('hands the handler the user, the org from the form’s slug with their role, the parsed input and its transaction', async () => {
    const { action, seen } = rename();
    expect(await action(undefined, form({ slug: 'wrapped-foods', name: 'Wrapped Foods Ltd' }))).toEqual({ notice: 'Renamed to Wrapped Foods Ltd.' });
    expect(seen).toEqual(['owner@wrapped.test owner wrapped-foods']);
    expect(await orgName()).toBe('Wrapped Foods Ltd');
  });

  it('refuses a role without the declared permission before the handler runs, and a non-member with 404’s message', async () => {
    const { action, seen } = rename();
    session.user = author;
    expect(await action(undefined, form({ slug: 'wrapped-foods', name: 'Hijacked' }))).toEqual({ error: 'Only owners and admins can change organization settings.', fields: { name: 'Hijacked' } });
    session.user = outsider;
    expect(await action(undefined, form({ slug: 'wrapped-foods', name: 'Hijacked' }))).toEqual({ error: 'No such organization.', fields: { name: 'Hijacked' } });
    expect(seen).toEqual([]);
    expect(await orgName()).toBe('Wrapped Foods Ltd');
  });

  it('turns a ZodError and an AppError into the form’s message; an AppError rolls the write back', async () => {
    const { action } = rename();
    expect(await action(undefined, form({ slug: 'wrapped-foods', name: 'x' }))).toEqual({ error: 'Use at least 3 characters.', fields: { name: 'x' } });
    expect(await action(undefined, form({ slug: 'wrapped-foods', name: 'Rolled Back' }))).toEqual({ error: 'Refused after the write.', fields: { name: 'Rolled Back' } });
    expect(await orgName()).toBe('Wrapped Foods Ltd');
  });

  it('runs afterCommit work once the transaction has committed, and lets a redirect from it through (even past `unexpected`)', async () => {
    const action = wrapper.orgAction({ input: ZRename, unexpected: 'Something failed.' }, async ({ org, input, tx }) => {
      await tx.query('update public.organizations set name = $2 where id = $1', [org.id, input.name]);
      // A second transaction on PGlite's one connection would wait forever if the first were still open.
      return wrapper.afterCommit(async () => redirect(`/o/${org.slug}?name=${encodeURIComponent(await orgName())}`));
    });
    await expect(action(undefined, form({ slug: 'wrapped-foods', name: 'Committed Foods' }))).rejects.toMatchObject({ digest: expect.stringContaining('/o/wrapped-foods?name=Committed%20Foods') });
    expect(await orgName()).toBe('Committed Foods');
  });

  it('rate limits per user before the handler, fail-closed with the declared message', async () => {
    const handler = vi.fn(async () => ({ notice: 'sent' }));
    const rule = { name: 'test-rule', limit: 1, windowSeconds: 60 };
    const action = wrapper.orgAction({ input: z.object({ slug: z.string() }), rateLimit: { rule, message: 'Slow down.' } }, handler);
    expect(await action(undefined, form({ slug: 'wrapped-foods' }))).toEqual({ notice: 'sent' });
    limiter.result = { allowed: false, retryAfterSeconds: 30, reason: 'limited' };
    expect(await action(undefined, form({ slug: 'wrapped-foods' }))).toEqual({ error: 'Slow down.' });
    limiter.result = { allowed: false, retryAfterSeconds: 5, reason: 'unavailable' };
    expect(await action(undefined, form({ slug: 'wrapped-foods' }))).toEqual({ error: 'Slow down.' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(limiter.calls).toEqual([[rule, owner.id], [rule, owner.id], [rule, owner.id]]);
  });
});

describe('formAction and userAction', () => {
  it('lets an unexpected error through to the error page, unless the action names a message for it', async () => {
    const boom = async () => {
      throw new Error('socket hang up');
    };
    await expect(wrapper.formAction({}, boom)(undefined, form({}))).rejects.toThrow('socket hang up');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await wrapper.userAction({ unexpected: 'Stripe could not be reached.' }, boom)(undefined, form({}))).toEqual({ error: 'Stripe could not be reached.' });
  });

  it('sends the echoed fields back with an error only, the handler’s own fields winning', async () => {
    const action = wrapper.formAction({ input: z.object({ email: z.email('Enter a valid email address.') }), echo: ['email'] }, async ({ input }) =>
      input.email.startsWith('new') ? { notice: 'ok' } : { error: 'Unconfirmed.', fields: { unconfirmed: '1' } },
    );
    expect(await action(undefined, form({ email: 'nope' }))).toEqual({ error: 'Enter a valid email address.', fields: { email: 'nope' } });
    expect(await action(undefined, form({ email: 'old@x.test' }))).toEqual({ error: 'Unconfirmed.', fields: { email: 'old@x.test', unconfirmed: '1' } });
    expect(await action(undefined, form({ email: 'new@x.test' }))).toEqual({ notice: 'ok' });
  });
});
