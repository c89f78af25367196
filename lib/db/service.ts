/**
 * asService(): a transaction that bypasses RLS. Allowed only in the auth emulator, webhooks,
 * scheduled jobs and admin paths; tests/unit/service-role-boundary.test.ts fails when a module
 * outside its list, reached from any page or route, imports this one.
 */
import 'server-only';
import { getDb } from './connection';
import { scopesFor } from './scopes';

export const asService = scopesFor(getDb).asService;
