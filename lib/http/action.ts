/**
 * The one wrapper for server actions (forms), the twin of apiRoute: read the form into its zod
 * schema, rate limit per user (fail-closed), run the handler, and turn an AppError or ZodError
 * once into the form's message. Three levels, each built on the one before:
 *   formAction — nobody signed in yet (the auth forms);
 *   userAction — the user from requireUser() (account settings, creating an organization);
 *   orgAction  — inOrg() for the form's `slug` field: `{ user, org, input, tx }`, the declared
 *                permission checked first, all in one transaction.
 * Handlers answer with an ActionState for useActionState. Work that calls out (email, Stripe)
 * or redirects goes in afterCommit(…), so no transaction is held across it and a redirect never
 * rolls the work back. redirect() and notFound() pass through the wrapper untouched.
 */
import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import type { Permission } from '@/lib/orgs/permissions';
import { inOrg, type AfterCommit, type OrgScope } from '@/lib/orgs/scope';
import { getRateLimiter, type RateLimitRule } from '@/lib/ratelimit';

export { afterCommit } from '@/lib/orgs/scope';

/** What a form shows after its action: a message, the fields it keeps, and any data for the next step. */
export type ActionState<Data = never> = { error?: string; notice?: string; fields?: Record<string, string>; data?: Data } | undefined;

export type Action<Data = never> = (prev: ActionState<Data>, form: FormData) => Promise<ActionState<Data>>;

interface FormOptions<S extends z.ZodType> {
  /** The form's fields (FormData entries by name); absent for a button without fields. */
  input?: S;
  /** Fields sent back as typed with an error, so the form keeps them. */
  echo?: string[];
  /** Shown (and the error logged) for a failure that is neither an AppError nor a ZodError; without it, the error page. */
  unexpected?: string;
}

interface UserOptions<S extends z.ZodType> extends FormOptions<S> {
  /** Per user, fail-closed: a store that cannot answer refuses with the same message. */
  rateLimit?: { rule: RateLimitRule; message: string };
}

function message(err: unknown, unexpected: string | undefined): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof z.ZodError) return err.issues[0]?.message ?? 'Check the form.';
  if (unexpected === undefined) throw err;
  logError('form action failed', err);
  return unexpected;
}

function wrap<S extends z.ZodType, C, D>(options: FormOptions<S>, context: () => Promise<C>, handler: (ctx: C & { input: z.infer<S> }) => Promise<ActionState<D>>): Action<D> {
  return async (_prev, form) => {
    const ctx = await context();
    let state: ActionState<D>;
    try {
      const input = (options.input ? options.input.parse(Object.fromEntries(form)) : undefined) as z.infer<S>;
      state = await handler({ ...ctx, input });
    } catch (err) {
      unstable_rethrow(err);
      state = { error: message(err, options.unexpected) };
    }
    if (!state?.error || !options.echo) return state;
    return { ...state, fields: { ...Object.fromEntries(options.echo.map((k) => [k, String(form.get(k) ?? '')])), ...state.fields } };
  };
}

export function formAction<S extends z.ZodType = z.ZodUndefined, D = never>(options: FormOptions<S>, handler: (ctx: { input: z.infer<S> }) => Promise<ActionState<D>>): Action<D> {
  return wrap(options, async () => ({}), handler);
}

export function userAction<S extends z.ZodType = z.ZodUndefined, D = never>(options: UserOptions<S>, handler: (ctx: { user: CurrentUser; input: z.infer<S> }) => Promise<ActionState<D>>): Action<D> {
  return wrap(options, async () => ({ user: await requireUser() }), async (ctx) => {
    const limit = options.rateLimit;
    if (limit && !(await getRateLimiter().check(limit.rule, ctx.user.id)).allowed) return { error: limit.message };
    return handler(ctx);
  });
}

export function orgAction<S extends z.ZodType<{ slug: string }>, D = never>(
  options: UserOptions<S> & { permission?: Permission },
  handler: (ctx: OrgScope & { user: CurrentUser; input: z.infer<S> }) => Promise<ActionState<D> | AfterCommit<ActionState<D>>>,
): Action<D> {
  return userAction(options, ({ user, input }) => inOrg(user, input.slug, options.permission, ({ tx, org }) => handler({ user, org, input, tx })));
}
