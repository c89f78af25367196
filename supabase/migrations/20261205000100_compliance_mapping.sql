/*
 * The compliance library's records: the frameworks an organization follows, which SOP
 * addresses which clause (mapped by hand, taken from the SOP's references, or suggested and
 * waiting for a person to accept), and the gap analyses run on an SOP against a framework.
 *
 * The library itself (frameworks, editions, clause ids) lives in the application
 * (lib/library); the database keeps codes and ids as text and the application checks them
 * against the library before it writes. Every change is audited in the same transaction.
 */

/* ---------------------------------------------------------------- tables */

create table public.org_frameworks (
  org_id uuid not null references public.organizations (id) on delete cascade,
  framework text not null check (framework ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
  added_by uuid,
  added_at timestamptz not null default clock_timestamp(),
  primary key (org_id, framework)
);
comment on table public.org_frameworks is 'The frameworks an organization follows (codes of the application''s regulation library).';

create table public.sop_clause_mappings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sop_id uuid not null references public.sops (id) on delete cascade,
  framework text not null check (framework ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
  clause_id text not null check (char_length(clause_id) between 1 and 60),
  -- manual: a person picked the clause; references: taken from the SOP's references; suggested: proposed by Claude or keyword matching
  origin text not null check (origin in ('manual', 'references', 'suggested')),
  -- a suggestion waits as proposed until a person accepts it (rejecting deletes it)
  status text not null check (status in ('proposed', 'accepted')),
  rationale text not null default '' check (char_length(rationale) <= 1000),
  created_by uuid,
  created_at timestamptz not null default clock_timestamp(),
  accepted_by uuid,
  accepted_at timestamptz,
  unique (sop_id, framework, clause_id),
  check ((status = 'accepted') = (accepted_at is not null))
);
create index sop_clause_mappings_org_framework_idx on public.sop_clause_mappings (org_id, framework);
comment on table public.sop_clause_mappings is 'Which SOP addresses which clause of a framework; suggestions stay proposed until accepted.';

create table public.sop_gap_analyses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  -- the saved version the analysis read (null when the SOP had none)
  version_id uuid references public.sop_versions (id) on delete restrict,
  framework text not null check (framework ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
  engine text not null check (engine in ('claude', 'offline')),
  model text not null default '' check (char_length(model) <= 100),
  -- { addressed: [...], gaps: [...], flagged: [...] } as lib/compliance validates it
  result jsonb not null check (jsonb_typeof(result) = 'object' and octet_length(result::text) <= 500000),
  created_by uuid,
  created_at timestamptz not null default clock_timestamp()
);
create index sop_gap_analyses_sop_idx on public.sop_gap_analyses (sop_id, framework, created_at desc);
create index sop_gap_analyses_org_idx on public.sop_gap_analyses (org_id);
comment on table public.sop_gap_analyses is 'Stored gap analyses of an SOP against one framework; append-only.';
create trigger sop_gap_analyses_append_only before update or delete on public.sop_gap_analyses
  for each row execute function private.dc_append_only();
create trigger sop_gap_analyses_no_truncate before truncate on public.sop_gap_analyses
  for each statement execute function private.dc_append_only();

/* ---------------------------------------------------------------- triggers */

/* The org comes from the row's SOP (or is the org named), the person and time from the session. */
create or replace function private.compliance_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'org_frameworks' then
    new.added_by := (select auth.uid());
    new.added_at := private.clock();
    return new;
  end if;
  select s.org_id into new.org_id from public.sops s where s.id = new.sop_id;
  if new.org_id is null then
    raise exception 'No such SOP.' using errcode = 'DC404';
  end if;
  new.created_by := (select auth.uid());
  new.created_at := private.clock();
  if tg_table_name = 'sop_gap_analyses' then
    -- (a separate branch: plpgsql resolves new.version_id only on this table's rows)
    if new.version_id is not null
       and not exists (select 1 from public.sop_versions v where v.id = new.version_id and v.sop_id = new.sop_id) then
      raise exception 'That version is not a version of this SOP.' using errcode = 'DC422';
    end if;
  elsif tg_table_name = 'sop_clause_mappings' then
    new.rationale := btrim(coalesce(new.rationale, ''));
    if new.origin = 'suggested' then
      new.status := 'proposed';
      new.accepted_by := null;
      new.accepted_at := null;
    else
      new.status := 'accepted';
      new.accepted_by := new.created_by;
      new.accepted_at := new.created_at;
    end if;
  end if;
  return new;
end $$;

create trigger org_frameworks_before_insert before insert on public.org_frameworks
  for each row execute function private.compliance_before_insert();
create trigger sop_clause_mappings_before_insert before insert on public.sop_clause_mappings
  for each row execute function private.compliance_before_insert();
create trigger sop_gap_analyses_before_insert before insert on public.sop_gap_analyses
  for each row execute function private.compliance_before_insert();

/* The one change a mapping allows: a proposed suggestion is accepted, by the person now signed in. */
create or replace function private.mapping_before_update() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if old.status <> 'proposed' or new.status <> 'accepted' then
    raise exception 'Only a proposed suggestion can be accepted.' using errcode = 'DC409';
  end if;
  new := old;
  new.status := 'accepted';
  new.accepted_by := (select auth.uid());
  new.accepted_at := private.clock();
  return new;
end $$;
create trigger sop_clause_mappings_before_update before update on public.sop_clause_mappings
  for each row execute function private.mapping_before_update();

create or replace function private.compliance_audit_row() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  case tg_table_name
    when 'org_frameworks' then
      if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = old.org_id) then
        return null;
      end if;
      perform private.dc_audit(coalesce(new.org_id, old.org_id),
        case when tg_op = 'INSERT' then 'compliance.framework_added' else 'compliance.framework_removed' end,
        'organizations', coalesce(new.org_id, old.org_id),
        jsonb_build_object('framework', coalesce(new.framework, old.framework)));
    when 'sop_clause_mappings' then
      if tg_op = 'DELETE' and not exists (select 1 from public.sops s where s.id = old.sop_id) then
        return null;
      end if;
      perform private.dc_audit(coalesce(new.org_id, old.org_id),
        case
          when tg_op = 'INSERT' and new.status = 'proposed' then 'compliance.clause_suggested'
          when tg_op = 'INSERT' then 'compliance.clause_mapped'
          when tg_op = 'UPDATE' then 'compliance.suggestion_accepted'
          when old.status = 'proposed' then 'compliance.suggestion_rejected'
          else 'compliance.clause_unmapped'
        end,
        'sops', coalesce(new.sop_id, old.sop_id),
        jsonb_build_object('sop_id', coalesce(new.sop_id, old.sop_id), 'framework', coalesce(new.framework, old.framework),
          'clause', coalesce(new.clause_id, old.clause_id), 'origin', coalesce(new.origin, old.origin)));
    when 'sop_gap_analyses' then
      perform private.dc_audit(new.org_id, 'compliance.gap_analysis_run', 'sops', new.sop_id,
        jsonb_build_object('sop_id', new.sop_id, 'version_id', new.version_id, 'framework', new.framework,
          'engine', new.engine, 'analysis_id', new.id,
          'gaps', coalesce(jsonb_array_length(new.result -> 'gaps'), 0),
          'addressed', coalesce(jsonb_array_length(new.result -> 'addressed'), 0),
          'flagged', coalesce(jsonb_array_length(new.result -> 'flagged'), 0)));
  end case;
  return null;
end $$;

create trigger org_frameworks_audit after insert or delete on public.org_frameworks
  for each row execute function private.compliance_audit_row();
create trigger sop_clause_mappings_audit after insert or update or delete on public.sop_clause_mappings
  for each row execute function private.compliance_audit_row();
create trigger sop_gap_analyses_audit after insert on public.sop_gap_analyses
  for each row execute function private.compliance_audit_row();

/* ---------------------------------------------------------------- RLS and grants */

alter table public.org_frameworks enable row level security;
revoke all on table public.org_frameworks from anon, authenticated, service_role, public;
grant select, delete on table public.org_frameworks to authenticated, service_role;
grant insert (org_id, framework) on table public.org_frameworks to authenticated;
grant insert on table public.org_frameworks to service_role;
create policy "org_frameworks: members read" on public.org_frameworks
  for select to authenticated using ((select private.is_member(org_id)));
create policy "org_frameworks: owners and admins add" on public.org_frameworks
  for insert to authenticated with check ((select private.can(org_id, 'org.update')));
create policy "org_frameworks: owners and admins remove" on public.org_frameworks
  for delete to authenticated using ((select private.can(org_id, 'org.update')));

alter table public.sop_clause_mappings enable row level security;
revoke all on table public.sop_clause_mappings from anon, authenticated, service_role, public;
grant select, delete on table public.sop_clause_mappings to authenticated, service_role;
grant insert (sop_id, framework, clause_id, origin, rationale) on table public.sop_clause_mappings to authenticated;
grant update (status) on table public.sop_clause_mappings to authenticated;
grant insert on table public.sop_clause_mappings to service_role;
create policy "sop_clause_mappings: members read" on public.sop_clause_mappings
  for select to authenticated using ((select private.is_member(org_id)));
create policy "sop_clause_mappings: editors map" on public.sop_clause_mappings
  for insert to authenticated with check ((select private.can(org_id, 'sops.edit')));
create policy "sop_clause_mappings: editors accept suggestions" on public.sop_clause_mappings
  for update to authenticated using ((select private.can(org_id, 'sops.edit'))) with check ((select private.can(org_id, 'sops.edit')));
create policy "sop_clause_mappings: editors unmap and reject" on public.sop_clause_mappings
  for delete to authenticated using ((select private.can(org_id, 'sops.edit')));

alter table public.sop_gap_analyses enable row level security;
revoke all on table public.sop_gap_analyses from anon, authenticated, service_role, public;
grant select on table public.sop_gap_analyses to authenticated, service_role;
grant insert (sop_id, version_id, framework, engine, model, result) on table public.sop_gap_analyses to authenticated;
create policy "sop_gap_analyses: members read" on public.sop_gap_analyses
  for select to authenticated using ((select private.is_member(org_id)));
create policy "sop_gap_analyses: editors run" on public.sop_gap_analyses
  for insert to authenticated with check ((select private.can(org_id, 'sops.edit')));

do $$
declare f text;
begin
  foreach f in array array['private.compliance_before_insert()', 'private.mapping_before_update()', 'private.compliance_audit_row()'] loop
    execute format('revoke all on function %s from public, anon, authenticated', f);
  end loop;
end $$;
