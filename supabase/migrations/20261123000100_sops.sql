/*
 * SOPs, their versions and the AI/offline generations that draft them. All org-scoped; RLS
 * decides everything through private.can() (lib/orgs/permissions.ts):
 *   sops.read  (every member)         read SOPs, versions, generations
 *   sops.edit  (owner, admin, author) create SOPs, save the working draft, save versions,
 *                                     start and cancel generations
 *
 * The model:
 *   - sops: one controlled document. Per-org document number SOP-0001… assigned by a trigger
 *     (never by the client). The working draft (draft_content) is what the editor autosaves;
 *     draft_revision is its optimistic-concurrency tag (HTTP ETag / If-Match): every save of
 *     the draft increments it, and a save that names an older revision is refused.
 *   - sop_versions: immutable snapshots (a generation's result, or "Save version" of the
 *     working draft). Content is validated with zod in the application before every write;
 *     here it must at least be a JSON object. No update, no delete, for any role.
 *   - generations: one drafting run (queued → running → succeeded | failed | cancelled),
 *     with the sections written so far, so that a closed tab or a failure loses nothing.
 *
 * Organization settings used by drafting and export live on organizations (ai_allowed,
 * sensitive_terms, export_footer, page_size), editable by owners and admins.
 */

/* ---------------------------------------------------------------- organization settings */

alter table public.organizations
  add column ai_allowed boolean not null default true,
  add column sensitive_terms text[] not null default '{}'
    check (cardinality(sensitive_terms) <= 200),
  add column export_footer text not null default 'Uncontrolled when printed'
    check (char_length(export_footer) <= 200),
  add column page_size text not null default 'A4' check (page_size in ('A4', 'Letter'));

grant update (ai_allowed, sensitive_terms, export_footer, page_size) on table public.organizations to authenticated;

/* ---------------------------------------------------------------- sops */

create type public.sop_status as enum ('draft', 'in_review', 'approved', 'effective', 'retired');

create table public.sops (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  number integer not null,
  doc_number text generated always as ('SOP-' || lpad(number::text, 4, '0')) stored,
  title text not null check (char_length(title) between 1 and 300),
  department text not null default '' check (char_length(department) <= 120),
  owner_id uuid references auth.users (id) on delete set null,
  status public.sop_status not null default 'draft',
  current_version_id uuid,
  draft_content jsonb check (draft_content is null or jsonb_typeof(draft_content) = 'object'),
  draft_revision integer not null default 0,
  draft_updated_at timestamptz not null default now(),
  draft_updated_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (
    setweight(to_tsvector('english'::regconfig, title), 'A')
    || setweight(to_tsvector('english'::regconfig, department), 'B')
    || setweight(jsonb_to_tsvector('english'::regconfig, coalesce(draft_content, '{}'::jsonb), '["string"]'::jsonb), 'C')
  ) stored,
  unique (org_id, number)
);
create index sops_org_updated_idx on public.sops (org_id, updated_at desc, id desc);
create index sops_search_idx on public.sops using gin (search);
comment on table public.sops is 'A controlled document. draft_content is the working draft; versions are immutable snapshots.';

create table public.sop_versions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sop_id uuid not null references public.sops (id) on delete cascade,
  seq integer not null,
  label text not null default '' check (char_length(label) between 1 and 20),
  content jsonb not null check (jsonb_typeof(content) = 'object'),
  html text not null default '' check (char_length(html) <= 2000000),
  change_summary text not null default '' check (char_length(change_summary) <= 1000),
  source text not null check (source in ('ai', 'offline', 'manual')),
  complete boolean not null default true,
  model text not null default '' check (char_length(model) <= 100),
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  author_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (sop_id, seq)
);
create index sop_versions_sop_idx on public.sop_versions (sop_id, seq desc);
create index sop_versions_org_idx on public.sop_versions (org_id);

alter table public.sops
  add constraint sops_current_version_fk foreign key (current_version_id)
  references public.sop_versions (id) on delete set null deferrable initially deferred;

create table public.generations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sop_id uuid not null references public.sops (id) on delete cascade,
  kind text not null default 'draft' check (kind in ('draft', 'improve')),
  section text not null default '' check (char_length(section) <= 40),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  source text not null check (source in ('ai', 'offline')),
  input jsonb not null check (jsonb_typeof(input) = 'object'),
  redactions jsonb not null default '[]'::jsonb,
  partial_content jsonb not null default '{}'::jsonb,
  removed_citations jsonb not null default '[]'::jsonb,
  version_id uuid references public.sop_versions (id) on delete set null,
  model text not null default '',
  input_tokens integer not null default 0,
  output_tokens integer not null default 0,
  error_code text not null default '',
  error_message text not null default '' check (char_length(error_message) <= 500),
  cancel_requested boolean not null default false,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  first_section_at timestamptz,
  finished_at timestamptz
);
create index generations_sop_idx on public.generations (sop_id, created_at desc);
create index generations_org_created_idx on public.generations (org_id, created_at desc);

/* ---------------------------------------------------------------- triggers */

/* Document numbers: the next number in the organization, under a per-org lock. */
create or replace function private.sops_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended(new.org_id::text, 7421));
  select coalesce(max(s.number), 0) + 1 into new.number from public.sops s where s.org_id = new.org_id;
  new.created_at := now();
  new.updated_at := now();
  new.draft_revision := 0;
  new.draft_updated_at := now();
  return new;
end $$;
create trigger sops_before_insert before insert on public.sops
  for each row execute function private.sops_before_insert();

/* Identity columns never change; saving the draft bumps its revision. */
create or replace function private.sops_before_update() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  if new.id <> old.id or new.org_id <> old.org_id or new.number <> old.number
     or new.created_by is distinct from old.created_by or new.created_at <> old.created_at then
    raise exception 'an SOP''s identity and number cannot change' using errcode = '42501';
  end if;
  if new.draft_content is distinct from old.draft_content then
    new.draft_revision := old.draft_revision + 1;
    new.draft_updated_at := now();
    new.draft_updated_by := (select auth.uid());
  else
    new.draft_revision := old.draft_revision;
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger sops_before_update before update on public.sops
  for each row execute function private.sops_before_update();

/* A version's number in its SOP, assigned here; its organization is its SOP's. */
create or replace function private.sop_versions_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare v_org uuid;
begin
  select s.org_id into v_org from public.sops s where s.id = new.sop_id for update;
  if v_org is null or v_org <> new.org_id then
    raise exception 'the version must belong to the SOP''s organization' using errcode = '42501';
  end if;
  select coalesce(max(v.seq), 0) + 1 into new.seq from public.sop_versions v where v.sop_id = new.sop_id;
  new.label := coalesce(nullif(new.label, ''), '0.' || new.seq);
  new.created_at := now();
  return new;
end $$;
create trigger sop_versions_before_insert before insert on public.sop_versions
  for each row execute function private.sop_versions_before_insert();

create or replace function private.sop_versions_immutable() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  -- Cascades from deleting the SOP or the organization are the only way a version goes.
  if tg_op = 'DELETE' and not exists (select 1 from public.sops s where s.id = old.sop_id) then
    return old;
  end if;
  raise exception 'SOP versions are immutable' using errcode = '42501';
end $$;
create trigger sop_versions_immutable before update or delete on public.sop_versions
  for each row execute function private.sop_versions_immutable();

/* A generation belongs to its SOP's organization; its input and author never change. */
create or replace function private.generations_guard() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if not exists (select 1 from public.sops s where s.id = new.sop_id and s.org_id = new.org_id) then
      raise exception 'the generation must belong to the SOP''s organization' using errcode = '42501';
    end if;
    new.created_at := now();
    return new;
  end if;
  if new.org_id <> old.org_id or new.sop_id <> old.sop_id or new.input <> old.input
     or new.created_by is distinct from old.created_by or new.source <> old.source or new.kind <> old.kind then
    raise exception 'a generation''s organization, SOP, input and author cannot change' using errcode = '42501';
  end if;
  if old.status in ('succeeded', 'failed', 'cancelled') and new.status <> old.status then
    raise exception 'a finished generation cannot change state' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger generations_guard before insert or update on public.generations
  for each row execute function private.generations_guard();

/* Audit: concise events for SOPs, versions and generations (content is in the versions). */
create or replace function private.audit_sop_change() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_action text;
  v_data jsonb;
begin
  if tg_table_name = 'sops' then
    if tg_op = 'INSERT' then
      v_action := 'sop.created';
      v_data := jsonb_build_object('doc_number', new.doc_number, 'title', new.title);
    else
      select jsonb_object_agg(k, jsonb_build_object('old', to_jsonb(old) -> k, 'new', to_jsonb(new) -> k)) into v_data
      from unnest(array['title', 'department', 'owner_id', 'status', 'current_version_id']) k
      where to_jsonb(new) -> k is distinct from to_jsonb(old) -> k;
      if v_data is null then
        return new; -- draft autosaves are versions' business, not the trail's
      end if;
      v_action := 'sop.updated';
      v_data := v_data || jsonb_build_object('doc_number', new.doc_number);
    end if;
  elsif tg_table_name = 'sop_versions' then
    v_action := 'sop.version_created';
    v_data := jsonb_build_object('sop_id', new.sop_id, 'label', new.label, 'source', new.source,
      'complete', new.complete, 'change_summary', new.change_summary, 'model', new.model);
  else
    if tg_op = 'INSERT' then
      v_action := 'generation.started';
      v_data := jsonb_build_object('sop_id', new.sop_id, 'kind', new.kind, 'source', new.source, 'redactions', new.redactions);
    elsif new.status is distinct from old.status and new.status in ('succeeded', 'failed', 'cancelled') then
      v_action := 'generation.' || new.status;
      v_data := jsonb_build_object('sop_id', new.sop_id, 'error_code', new.error_code,
        'input_tokens', new.input_tokens, 'output_tokens', new.output_tokens, 'model', new.model);
    else
      return new;
    end if;
  end if;
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data)
  values (new.org_id, (select auth.uid()), coalesce((select auth.email()), ''), v_action, tg_table_name, new.id::text, v_data);
  return new;
end $$;
create trigger sops_audit after insert or update on public.sops
  for each row execute function private.audit_sop_change();
create trigger sop_versions_audit after insert on public.sop_versions
  for each row execute function private.audit_sop_change();
create trigger generations_audit after insert or update on public.generations
  for each row execute function private.audit_sop_change();

/* ---------------------------------------------------------------- RLS */

alter table public.sops enable row level security;
revoke all on table public.sops from anon, authenticated, public;
grant select on table public.sops to authenticated;
grant insert (org_id, title, department, owner_id, draft_content, created_by) on table public.sops to authenticated;
grant update (title, department, owner_id, draft_content, current_version_id) on table public.sops to authenticated;
grant all on table public.sops to service_role;

create policy "sops: members read their organization's SOPs"
  on public.sops for select to authenticated
  using ((select private.is_member(org_id)));
create policy "sops: editors create SOPs"
  on public.sops for insert to authenticated
  with check ((select private.can(org_id, 'sops.edit')) and created_by = (select auth.uid()));
create policy "sops: editors change SOPs"
  on public.sops for update to authenticated
  using ((select private.can(org_id, 'sops.edit')))
  with check ((select private.can(org_id, 'sops.edit')));
-- No delete policy: controlled documents are retired, not deleted.

alter table public.sop_versions enable row level security;
revoke all on table public.sop_versions from anon, authenticated, public;
grant select on table public.sop_versions to authenticated;
grant insert (org_id, sop_id, label, content, html, change_summary, source, complete, model, input_tokens, output_tokens, author_id)
  on table public.sop_versions to authenticated;
grant all on table public.sop_versions to service_role;

create policy "sop_versions: members read their organization's versions"
  on public.sop_versions for select to authenticated
  using ((select private.is_member(org_id)));
create policy "sop_versions: editors save versions as themselves"
  on public.sop_versions for insert to authenticated
  with check ((select private.can(org_id, 'sops.edit')) and author_id = (select auth.uid()));

alter table public.generations enable row level security;
revoke all on table public.generations from anon, authenticated, public;
grant select on table public.generations to authenticated;
grant insert (org_id, sop_id, kind, section, source, input, redactions, created_by) on table public.generations to authenticated;
grant update (status, partial_content, removed_citations, version_id, model, input_tokens, output_tokens,
  error_code, error_message, cancel_requested, started_at, first_section_at, finished_at)
  on table public.generations to authenticated;
grant all on table public.generations to service_role;

create policy "generations: members read their organization's generations"
  on public.generations for select to authenticated
  using ((select private.is_member(org_id)));
create policy "generations: editors start generations as themselves"
  on public.generations for insert to authenticated
  with check ((select private.can(org_id, 'sops.edit')) and created_by = (select auth.uid()));
create policy "generations: editors update and cancel generations"
  on public.generations for update to authenticated
  using ((select private.can(org_id, 'sops.edit')))
  with check ((select private.can(org_id, 'sops.edit')));
