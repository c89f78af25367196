/*
 * Review and approval defaults per department (issue 13: "the submitter picks reviewers and
 * approvers from members with the right role, or the organization's defaults per department").
 *
 * Owns:
 *   - public.routing_defaults: one row per (organization, department). department is compared
 *     with sops.department exactly as stored (plain text, at most 120 characters); '' is the
 *     entry for "any department", used when the SOP's department has no entry of its own.
 *   - the audit events routing_defaults.set (insert or update) and routing_defaults.removed.
 *
 * Invariants:
 *   - defaults are suggestions only. The submit form pre-selects them; the submission still
 *     goes through private.submit_version(), which checks every reviewer's and approver's role
 *     at that moment. A default naming someone who left or lost the approve role is simply not
 *     pre-selected (the form only offers current members whose role may approve), and nothing
 *     here keeps the arrays in step with memberships.
 *   - members read them (sops.read: whoever may submit needs them); writing them is document
 *     control, so it is sops.control (owners and admins), the permission that also withdraws,
 *     makes effective and makes obsolete.
 *   - updated_by / updated_at are set by the server, never by the caller.
 */

create table public.routing_defaults (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  department text not null default '' check (char_length(department) <= 120),
  reviewers uuid[] not null default '{}' check (cardinality(reviewers) <= 50),
  approvers uuid[] not null default '{}' check (cardinality(approvers) <= 50),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  unique (org_id, department)
);
create index routing_defaults_org_idx on public.routing_defaults (org_id);

alter table public.routing_defaults enable row level security;
revoke all on table public.routing_defaults from public, anon, authenticated;
grant select, delete on table public.routing_defaults to authenticated;
grant insert (org_id, department, reviewers, approvers) on table public.routing_defaults to authenticated;
grant update (reviewers, approvers) on table public.routing_defaults to authenticated;

create policy "routing_defaults: members read" on public.routing_defaults
  for select to authenticated using ((select private.can(org_id, 'sops.read')));
create policy "routing_defaults: document controllers insert" on public.routing_defaults
  for insert to authenticated with check ((select private.can(org_id, 'sops.control')));
create policy "routing_defaults: document controllers update" on public.routing_defaults
  for update to authenticated using ((select private.can(org_id, 'sops.control'))) with check ((select private.can(org_id, 'sops.control')));
create policy "routing_defaults: document controllers delete" on public.routing_defaults
  for delete to authenticated using ((select private.can(org_id, 'sops.control')));

/* Who and when: the server's, whatever the caller sent. */
create or replace function private.routing_defaults_stamp() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end $$;
create trigger routing_defaults_stamp before insert or update on public.routing_defaults
  for each row execute function private.routing_defaults_stamp();

/* Audited in the transaction of the change, like the other tables (private.audit_row_change). */
create or replace function private.audit_routing_default() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_row public.routing_defaults := coalesce(new, old);
  v_action text := case when tg_op = 'DELETE' then 'routing_defaults.removed' else 'routing_defaults.set' end;
begin
  if tg_op = 'DELETE' and not exists (select 1 from public.organizations o where o.id = v_row.org_id) then
    return old;
  end if;
  if tg_op = 'UPDATE' then
    if new.reviewers = old.reviewers and new.approvers = old.approvers then
      return new;
    end if;
  end if;
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data)
  values (v_row.org_id, (select auth.uid()), coalesce((select auth.email()), ''), v_action, 'routing_defaults', v_row.id::text,
    jsonb_build_object('department', v_row.department, 'reviewers', to_jsonb(v_row.reviewers), 'approvers', to_jsonb(v_row.approvers)));
  return v_row;
end $$;
revoke all on function private.audit_routing_default() from public, anon, authenticated;
create trigger routing_defaults_audit after insert or update or delete on public.routing_defaults
  for each row execute function private.audit_routing_default();
