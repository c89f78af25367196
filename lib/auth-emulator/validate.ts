/**
 * Reading request fields the way GoTrue's JSON decoding does (a field of the wrong JSON type
 * is `bad_json`; null is as good as absent), and refusing, as a 4xx, what Postgres could not
 * store: NUL characters, lone UTF-16 surrogates, metadata nested too deep to be data.
 */
import { checkPassword, PASSWORD_MAX_LENGTH } from '@/lib/auth/password-policy';
import { isUuid } from './crypto';
import { fail } from './http';

type Body = Record<string, unknown>;

const badJson = (why: string) => fail(400, 'bad_json', `Could not parse request body as JSON: ${why}`);

/** A string field: undefined when absent or null; any other JSON type is bad_json. */
export function field(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badJson(`${key} must be a string`);
  return v;
}

/** A UUID field (GoTrue decodes these into uuid.UUID, so anything else is bad_json). */
export function uuidField(body: Body, key: string): string | undefined {
  const v = field(body, key);
  if (v !== undefined && !isUuid(v)) throw badJson(`${key} must be an UUID`);
  return v;
}

/** Text Postgres can store: well-formed UTF-16 and no NUL. */
export const storable = (s: string): boolean => s.isWellFormed() && !s.includes('\u0000');

/** Free text to be stored (a factor's friendly name): storable or 400. */
export function storableText(value: string | undefined, what: string): string | undefined {
  if (value !== undefined && !storable(value)) throw fail(400, 'validation_failed', `${what} must be valid text`);
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTROL = /\p{Cc}/u;

/** validateEmail: required, at most 255 characters, a plausible address; lowercased. */
export function validEmail(raw: string | undefined, missing = 'An email address is required'): string {
  const email = raw?.trim().toLowerCase() ?? '';
  if (!email) throw fail(400, 'validation_failed', missing);
  if (email.length > 255) throw fail(400, 'validation_failed', 'An email address is too long');
  if (!EMAIL.test(email) || CONTROL.test(email) || !storable(email)) throw fail(400, 'validation_failed', 'Unable to validate email address: invalid format');
  return email;
}

export interface Pkce {
  challenge: string;
  method: 's256' | 'plain';
}

/** validatePKCEParams: both or neither, a challenge of RFC 7636's alphabet and length. */
export function readPkce(body: Body): Pkce | null {
  const challenge = field(body, 'code_challenge') ?? '';
  const method = (field(body, 'code_challenge_method') ?? '').toLowerCase();
  if (!challenge && !method) return null;
  if (!challenge || !method) throw fail(400, 'validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  if (challenge.length < 43 || challenge.length > 128) throw fail(400, 'validation_failed', 'code challenge has to be between 43 and 128 characters');
  if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
    throw fail(400, 'validation_failed', 'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes');
  }
  if (method !== 's256' && method !== 'plain') throw fail(400, 'validation_failed', 'code challenge method not supported');
  return { challenge, method };
}

const MAX_METADATA_DEPTH = 10;
const MAX_METADATA_BYTES = 16 * 1024;

function storableJson(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return storable(v);
  if (v === null || typeof v !== 'object') return true;
  if (depth >= MAX_METADATA_DEPTH) return false;
  return Object.entries(v).every(([k, x]) => storable(k) && storableJson(x, depth + 1));
}

/** User metadata (`data`): an object (null is none), storable as jsonb, small and shallow. */
export function userData(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw badJson('data must be an object');
  if (!storableJson(v, 0)) throw fail(400, 'validation_failed', `User metadata must be valid text, nested at most ${MAX_METADATA_DEPTH} levels`);
  if (Buffer.byteLength(JSON.stringify(v)) > MAX_METADATA_BYTES) throw fail(400, 'validation_failed', 'User metadata is too large');
  return v as Record<string, unknown>;
}

/** checkPasswordStrength: over 72 bytes is a 400; a weak password a 422 with its reasons. */
export function requireStrongPassword(password: string): void {
  if (Buffer.byteLength(password) > PASSWORD_MAX_LENGTH) throw fail(400, 'validation_failed', `Password cannot be longer than ${PASSWORD_MAX_LENGTH} characters`);
  const r = checkPassword(password);
  if (!r.ok) throw fail(422, 'weak_password', r.message, { weak_password: { reasons: r.reasons } });
}
