/*
 * Token buckets for rate limiting when Upstash is not configured. The app makes one call,
 * `select private.take_tokens(...)`, which locks the bucket row, refills it by the elapsed
 * time and takes the tokens or refuses, atomically: concurrent requests on any number of app
 * instances never get more than the bucket holds. Not reachable by API roles.
 */
create table private.rate_limit_buckets (
  key text primary key check (char_length(key) <= 200),
  tokens double precision not null,
  updated_at timestamptz not null
);
create index rate_limit_buckets_updated_at_idx on private.rate_limit_buckets (updated_at);
alter table private.rate_limit_buckets enable row level security;
revoke all on table private.rate_limit_buckets from public, anon, authenticated;

/* Returns the tokens left (>= 0) when allowed, or minus the seconds until p_cost tokens exist. */
create or replace function private.take_tokens(
  p_key text, p_capacity double precision, p_refill_per_second double precision,
  p_cost double precision default 1, p_now timestamptz default clock_timestamp())
returns double precision
  language plpgsql volatile set search_path = ''
as $$
declare
  v_tokens double precision;
  v_updated timestamptz;
begin
  insert into private.rate_limit_buckets (key, tokens, updated_at) values (p_key, p_capacity, p_now)
  on conflict (key) do nothing;
  select b.tokens, b.updated_at into v_tokens, v_updated
  from private.rate_limit_buckets b where b.key = p_key for update;
  v_tokens := least(p_capacity, v_tokens + greatest(0, extract(epoch from (p_now - v_updated))) * p_refill_per_second);
  if v_tokens >= p_cost then
    update private.rate_limit_buckets set tokens = v_tokens - p_cost, updated_at = greatest(v_updated, p_now) where key = p_key;
    return v_tokens - p_cost;
  end if;
  update private.rate_limit_buckets set tokens = v_tokens, updated_at = greatest(v_updated, p_now) where key = p_key;
  return -((p_cost - v_tokens) / p_refill_per_second);
end $$;
revoke all on function private.take_tokens(text, double precision, double precision, double precision, timestamptz) from public, anon, authenticated;

/* Buckets untouched for a day are full again anyway; the purge job drops them. */
create or replace function private.prune_rate_limit_buckets() returns integer
  language sql volatile set search_path = ''
as $$
  with gone as (delete from private.rate_limit_buckets where updated_at < now() - interval '1 day' returning 1)
  select count(*)::int from gone
$$;
revoke all on function private.prune_rate_limit_buckets() from public, anon, authenticated;
