/*
 * Billing: the organization's plan and subscription state, written only by the server from
 * Stripe's truth (the webhook re-reads the subscription), never by a user — not even an owner.
 *   - organizations.plan / billing_status / current_period_end / cancel_at_period_end: guarded
 *     by the server-columns trigger below;
 *   - billing_customers: the Stripe customer and subscription ids, RLS on and no policies; API
 *     roles reach them only through private.billing_customer() and
 *     private.set_billing_customer(), which check billing.manage;
 *   - stripe_events: every webhook event id once (a replay is a no-op), RLS on, no policies.
 */

alter table public.organizations
  add column billing_status text not null default 'none'
    check (billing_status in ('none', 'active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')),
  add column current_period_end timestamptz,
  add column cancel_at_period_end boolean not null default false;

alter table public.organizations add constraint organizations_plan_check check (plan in ('free', 'pro', 'team'));

create or replace function private.guard_organization_server_columns() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and (new.plan is distinct from old.plan
          or new.billing_status is distinct from old.billing_status
          or new.current_period_end is distinct from old.current_period_end
          or new.cancel_at_period_end is distinct from old.cancel_at_period_end
          or new.deleted_at is distinct from old.deleted_at
          or new.created_by is distinct from old.created_by
          or new.id is distinct from old.id) then
    raise exception 'organizations.plan, billing columns, deleted_at and created_by are set by the server only' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;

create table public.billing_customers (
  org_id uuid primary key references public.organizations (id) on delete cascade,
  stripe_customer_id text not null unique check (stripe_customer_id ~ '^cus_[A-Za-z0-9]+$'),
  stripe_subscription_id text check (stripe_subscription_id is null or stripe_subscription_id ~ '^sub_[A-Za-z0-9]+$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.billing_customers enable row level security;
revoke all on table public.billing_customers from anon, authenticated, public;
grant all on table public.billing_customers to service_role;
comment on table public.billing_customers is 'Server-only: RLS on, no policies. Reached by API roles only through private.billing_customer().';

create table public.stripe_events (
  id text primary key check (id ~ '^evt_[A-Za-z0-9]+$'),
  type text not null,
  org_id uuid references public.organizations (id) on delete set null,
  received_at timestamptz not null default now()
);
alter table public.stripe_events enable row level security;
revoke all on table public.stripe_events from anon, authenticated, public;
grant all on table public.stripe_events to service_role;

/* The org's Stripe customer id, for owners and admins starting Checkout or the portal. */
create or replace function private.billing_customer(p_org uuid) returns text
  language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.can(p_org, 'billing.manage') then
    raise exception 'only owners and admins manage billing' using errcode = '42501';
  end if;
  return (select c.stripe_customer_id from public.billing_customers c where c.org_id = p_org);
end $$;

/* Remember the customer created for this org (first Checkout); never replaces an existing one. */
create or replace function private.set_billing_customer(p_org uuid, p_customer text) returns text
  language plpgsql security definer set search_path = ''
as $$
declare v_id text;
begin
  if not private.can(p_org, 'billing.manage') then
    raise exception 'only owners and admins manage billing' using errcode = '42501';
  end if;
  insert into public.billing_customers (org_id, stripe_customer_id) values (p_org, p_customer)
  on conflict (org_id) do nothing;
  select c.stripe_customer_id into v_id from public.billing_customers c where c.org_id = p_org;
  perform private.record_event(p_org, 'billing.customer_created', 'organizations', p_org::text, '{}'::jsonb);
  return v_id;
end $$;

revoke all on function private.billing_customer(uuid) from public, anon;
revoke all on function private.set_billing_customer(uuid, text) from public, anon;
grant execute on function private.billing_customer(uuid) to authenticated;
grant execute on function private.set_billing_customer(uuid, text) to authenticated;

/* Seats in use (members plus pending invites), for any member: invites themselves stay visible to managers only. */
create or replace function private.seats_used(p_org uuid) returns integer
  language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.is_member(p_org) then
    raise exception 'not a member of this organization' using errcode = '42501';
  end if;
  return (select count(*) from public.memberships m where m.org_id = p_org)
       + (select count(*) from public.invites i where i.org_id = p_org and i.accepted_at is null and i.revoked_at is null and i.expires_at > now());
end $$;
revoke all on function private.seats_used(uuid) from public, anon;
grant execute on function private.seats_used(uuid) to authenticated;
