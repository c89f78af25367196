'use server';
/** Billing buttons: Upgrade (Stripe Checkout) and Manage billing (Stripe customer portal). */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { openPortal, startCheckout } from '@/lib/billing/checkout';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { ZSlug } from '@/lib/orgs/slug';

export type BillingFormState = { error?: string } | undefined;

const ZCheckout = z.object({ slug: ZSlug, plan: z.enum(['pro', 'team']) });

function message(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof z.ZodError) return 'Choose a plan.';
  logError('billing action failed', err);
  return 'Stripe could not be reached. Nothing was charged; try again in a moment.';
}

export async function upgradeAction(_prev: BillingFormState, form: FormData): Promise<BillingFormState> {
  const user = await requireUser();
  let url: string;
  try {
    const input = ZCheckout.parse({ slug: form.get('slug'), plan: form.get('plan') });
    url = await startCheckout(user, input.slug, input.plan);
  } catch (err) {
    return { error: message(err) };
  }
  redirect(url);
}

export async function portalAction(_prev: BillingFormState, form: FormData): Promise<BillingFormState> {
  const user = await requireUser();
  let url: string;
  try {
    url = await openPortal(user, ZSlug.parse(form.get('slug')));
  } catch (err) {
    return { error: message(err) };
  }
  redirect(url);
}
