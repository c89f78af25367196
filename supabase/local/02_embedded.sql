/*
 * Storage that hosted Supabase keeps outside the database, for the embedded mode only:
 *   - the auth emulator's signing key (ES256, generated on first use so tokens survive
 *     restarts) and its secret (service) key;
 *   - the local outbox: emails the embedded mode does not send, shown at /dev/mailbox.
 * Schema `embedded` is not reachable by the API roles.
 */
create schema if not exists embedded;
revoke all on schema embedded from public;

create table if not exists embedded.auth_keys (
  kid text primary key,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  secret_key text not null,
  created_at timestamptz not null default now()
);
alter table embedded.auth_keys enable row level security;

create table if not exists embedded.outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  kind text not null,
  created_at timestamptz not null default clock_timestamp()
);
create index if not exists outbox_to_created_idx on embedded.outbox (lower(to_address), created_at desc);
alter table embedded.outbox enable row level security;
