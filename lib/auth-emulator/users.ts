/** auth.users rows and their JSON (models.User), with identities and factors eager-loaded. */
import type { Tx } from '@/lib/db/types';

export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string;
  encrypted_password: string;
  email_confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string;
  email_change_sent_at: Date | null;
  reauthentication_sent_at: Date | null;
  reauthentication_token: string;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  /** Unix seconds; Infinity for 'infinity' (a deleted account), which no driver returns as a Date. */
  banned_until: number | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
}

const COLUMNS = `id, aud, role, coalesce(email, '') as email, encrypted_password, email_confirmed_at, confirmation_sent_at,
  recovery_sent_at, email_change, email_change_sent_at, reauthentication_sent_at, reauthentication_token, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, extract(epoch from banned_until)::float8 as banned_until, deleted_at, is_anonymous`;

export async function userById(tx: Tx, id: string): Promise<UserRow | undefined> {
  return (await tx.query<UserRow & Record<string, unknown>>(`select ${COLUMNS} from auth.users where id = $1`, [id]))[0];
}

export async function userByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
  return (await tx.query<UserRow & Record<string, unknown>>(`select ${COLUMNS} from auth.users where lower(email) = lower($1) and is_sso_user = false`, [email]))[0];
}

export const isBanned = (u: UserRow, now: Date) => u.banned_until !== null && u.banned_until * 1000 > now.getTime();

/** RFC 3339, or nothing for null and for timestamps JavaScript cannot represent (±infinity). */
function iso(d: Date | number | null | undefined): string | undefined {
  const t = d === null || d === undefined ? NaN : new Date(d).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

function bannedUntil(seconds: number | null): string | undefined {
  if (seconds === null) return undefined;
  return Number.isFinite(seconds) ? iso(seconds * 1000) : seconds > 0 ? 'infinity' : undefined;
}

function omitEmpty(o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export async function userJson(tx: Tx, u: UserRow): Promise<Record<string, unknown>> {
  const identities = await tx.query<{ id: string; provider_id: string; user_id: string; identity_data: Record<string, unknown>; provider: string; last_sign_in_at: Date | null; created_at: Date; updated_at: Date; email: string | null }>(
    'select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email from auth.identities where user_id = $1 order by created_at',
    [u.id],
  );
  const factors = await tx.query<{ id: string; friendly_name: string | null; factor_type: string; status: string; created_at: Date; updated_at: Date; last_challenged_at: Date | null }>(
    'select id, friendly_name, factor_type::text, status::text, created_at, updated_at, last_challenged_at from auth.mfa_factors where user_id = $1 order by created_at',
    [u.id],
  );
  const out: Record<string, unknown> = {
    id: u.id,
    aud: u.aud,
    role: u.role,
    email: u.email ?? '',
    phone: '',
    ...omitEmpty({
      email_confirmed_at: iso(u.email_confirmed_at),
      confirmed_at: iso(u.email_confirmed_at),
      confirmation_sent_at: iso(u.confirmation_sent_at),
      recovery_sent_at: iso(u.recovery_sent_at),
      new_email: u.email_change,
      email_change_sent_at: iso(u.email_change_sent_at),
      reauthentication_sent_at: iso(u.reauthentication_sent_at),
      last_sign_in_at: iso(u.last_sign_in_at),
      banned_until: bannedUntil(u.banned_until),
      deleted_at: iso(u.deleted_at),
    }),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: identities.map((i) => ({
      identity_id: i.id,
      id: i.provider_id,
      user_id: i.user_id,
      identity_data: i.identity_data,
      provider: i.provider,
      last_sign_in_at: iso(i.last_sign_in_at),
      created_at: iso(i.created_at),
      updated_at: iso(i.updated_at),
      email: i.email ?? '',
    })),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    is_anonymous: u.is_anonymous,
  };
  if (factors.length) {
    out.factors = factors.map((f) => ({
      id: f.id,
      ...omitEmpty({ friendly_name: f.friendly_name }),
      factor_type: f.factor_type,
      status: f.status,
      created_at: iso(f.created_at),
      updated_at: iso(f.updated_at),
      phone: '',
      last_challenged_at: iso(f.last_challenged_at) ?? null,
    }));
  }
  return out;
}
