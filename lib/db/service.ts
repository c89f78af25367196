/**
 * asService(): a transaction that bypasses RLS. Allowed only in the auth emulator, webhooks,
 * scheduled jobs and admin paths; tests/unit/service-role-boundary.test.ts fails when a page
 * or a user route imports this module.
 */
import 'server-only';
import { getDb } from './connection';
import { scopesFor } from './scopes';

export const asService = scopesFor(getDb).asService;
