/*
 * State the embedded auth emulator keeps beyond Supabase's auth schema (embedded mode only;
 * schema `embedded` is not reachable by the API roles):
 *   - pending_signups: one row per sign-up not yet confirmed, with its own password hash,
 *     metadata and link, so that confirming an address applies the password of the sign-up
 *     whose link or code was used (a stranger who signed up first gets nothing). The
 *     auth.users row is created only at confirmation, with the id reserved here.
 *   - email_sends: when a confirmation or recovery email was last asked for, per hashed
 *     address, kept for unknown addresses too, so the 60 s limit answers alike whether or
 *     not an account exists.
 *   - mfa_failed_attempts: failed TOTP verifications, counted per user and per factor across
 *     processes to lock guessing.
 */
create table if not exists embedded.pending_signups (
  id uuid primary key,
  identity_id uuid not null,
  email text not null,
  encrypted_password text not null,
  user_metadata jsonb not null default '{}'::jsonb,
  token_hash text not null,
  flow_state_id uuid,
  created_at timestamptz not null,
  sent_at timestamptz not null
);
create index if not exists pending_signups_email_idx on embedded.pending_signups (email, sent_at desc);
create index if not exists pending_signups_token_hash_idx on embedded.pending_signups (token_hash);
alter table embedded.pending_signups enable row level security;

create table if not exists embedded.email_sends (
  address_hash text not null,
  purpose text not null,
  sent_at timestamptz not null,
  primary key (address_hash, purpose)
);
create index if not exists email_sends_sent_at_idx on embedded.email_sends (sent_at);
alter table embedded.email_sends enable row level security;

create table if not exists embedded.mfa_failed_attempts (
  id bigserial primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  factor_id uuid not null,
  created_at timestamptz not null
);
create index if not exists mfa_failed_attempts_user_idx on embedded.mfa_failed_attempts (user_id, created_at desc);
create index if not exists mfa_failed_attempts_factor_idx on embedded.mfa_failed_attempts (factor_id, created_at desc);
alter table embedded.mfa_failed_attempts enable row level security;
