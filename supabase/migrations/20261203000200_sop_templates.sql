/*
 * SOP templates of an organization (issue 14: "let an org save its own SOP as a template").
 * The built-in templates (sanitation, receiving, calibration …) are not rows: they ship with
 * the code (lib/templates/built-in.ts) and every organization sees them.
 *
 * Owns:
 *   - public.sop_templates: a name, an industry, a short description and a full SOP content
 *     (the shape of lib/sops/content.ts, validated by the app before every insert), optionally
 *     the SOP it was saved from.
 *   - the audit events template.created and template.deleted.
 *
 * Invariants:
 *   - members read their organization's templates (sops.read); whoever may edit SOPs
 *     (sops.edit) creates and deletes them; another organization sees nothing.
 *   - a template is never edited in place (no update grant): to change one, save a new one and
 *     delete the old. An SOP created from it copies the content, so deleting a template changes
 *     no SOP.
 *   - names are unique per organization, compared as typed.
 *   - source_sop_id, when set, is an SOP of the same organization (checked on insert); the
 *     template outlives that SOP.
 *   - created_by / created_at are the server's, whatever the caller sent.
 */

create table public.sop_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  industry text not null default '' check (char_length(industry) <= 120),
  description text not null default '' check (char_length(description) <= 1000),
  content jsonb not null check (jsonb_typeof(content) = 'object' and octet_length(content::text) <= 1048576),
  source_sop_id uuid references public.sops (id) on delete set null,
  created_by uuid,
  created_at timestamptz not null default now()
);
-- Leads with org_id: also the org_id index the policies need.
create unique index sop_templates_org_name_idx on public.sop_templates (org_id, name);
create index sop_templates_source_sop_idx on public.sop_templates (source_sop_id) where source_sop_id is not null;
comment on table public.sop_templates is 'An organization''s own SOP templates; built-in templates live in the code.';

alter table public.sop_templates enable row level security;
revoke all on table public.sop_templates from public, anon, authenticated;
grant select, delete on table public.sop_templates to authenticated;
grant insert (org_id, name, industry, description, content, source_sop_id) on table public.sop_templates to authenticated;

create policy "sop_templates: members read" on public.sop_templates
  for select to authenticated using ((select private.can(org_id, 'sops.read')));
create policy "sop_templates: editors insert" on public.sop_templates
  for insert to authenticated with check (
    (select private.can(org_id, 'sops.edit'))
    and (source_sop_id is null or exists (select 1 from public.sops s where s.id = source_sop_id and s.org_id = sop_templates.org_id))
  );
create policy "sop_templates: editors delete" on public.sop_templates
  for delete to authenticated using ((select private.can(org_id, 'sops.edit')));

/* Who and when: the server's. */
create or replace function private.sop_templates_stamp() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  new.created_by := (select auth.uid());
  new.created_at := now();
  return new;
end $$;
create trigger sop_templates_stamp before insert on public.sop_templates
  for each row execute function private.sop_templates_stamp();

/* Audited in the transaction of the change; data.sop_id links the event to the SOP it was saved from. */
create or replace function private.audit_sop_template() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_row public.sop_templates := coalesce(new, old);
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = v_row.org_id) then
    return old;
  end if;
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data)
  values (v_row.org_id, (select auth.uid()), coalesce((select auth.email()), ''),
    case when tg_op = 'DELETE' then 'template.deleted' else 'template.created' end,
    'sop_templates', v_row.id::text,
    jsonb_build_object('name', v_row.name, 'industry', v_row.industry, 'sop_id', v_row.source_sop_id));
  return v_row;
end $$;
revoke all on function private.audit_sop_template() from public, anon, authenticated;
create trigger sop_templates_audit after insert or delete on public.sop_templates
  for each row execute function private.audit_sop_template();
