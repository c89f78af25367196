/**
 * Data access for pages and route handlers: withUser() (RLS as the signed-in user) and
 * withAnon(). asService() lives in lib/db/service.ts so that its importers are easy to audit.
 */
import 'server-only';
import { getDb } from './connection';
import { scopesFor } from './scopes';

const scopes = scopesFor(getDb);

export const withUser = scopes.withUser;
export const withUserAnd = scopes.withUserAnd;
export const withAnon = scopes.withAnon;
export type { Tx } from './types';
export type { VerifiedClaims } from './claims';
