'use server';
/** Billing buttons: Upgrade (Stripe Checkout) and Manage billing (Stripe customer portal), for owners and admins (checkout.ts). */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { userAction } from '@/lib/http/action';
import { ZSlug } from '@/lib/orgs/slug';
import { openPortal, startCheckout } from './checkout';

const STRIPE_DOWN = 'Stripe could not be reached. Nothing was charged; try again in a moment.';

export const upgradeAction = userAction(
  { input: z.object({ slug: ZSlug, plan: z.enum(['pro', 'team'], 'Choose a plan.') }), unexpected: STRIPE_DOWN },
  async ({ user, input }) => redirect(await startCheckout(user, input.slug, input.plan)),
);

export const portalAction = userAction({ input: z.object({ slug: ZSlug }), unexpected: STRIPE_DOWN }, async ({ user, input }) => redirect(await openPortal(user, input.slug)));
