/*
 * auth.audit_log_entries exactly as Supabase Auth (GoTrue) defines it (its migrations
 * 00_init_auth_schema and 20220614074223_add_ip_address_to_audit_log, RLS on as in
 * 20240612123726): the embedded emulator writes the same audit trail hosted Supabase keeps.
 * Hosted Supabase already has this table; the file is never applied there.
 */
create table if not exists auth.audit_log_entries (
  instance_id uuid null,
  id uuid not null,
  payload json null,
  created_at timestamptz null,
  ip_address varchar(64) not null default '',
  constraint audit_log_entries_pkey primary key (id)
);
create index if not exists audit_logs_instance_id_idx on auth.audit_log_entries using btree (instance_id);
comment on table auth.audit_log_entries is 'Auth: Audit trail for user actions.';
alter table auth.audit_log_entries enable row level security;
