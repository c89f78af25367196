/*
 * SOP search that uses its indexes (issue #17). What search matches (lib/sops/service.ts):
 *   - the words of the title, department and working draft (full text, english stemming) —
 *     the tsvector `search`, on its GIN index sops_search_idx;
 *   - any substring of the title or of the document number, case-insensitive
 *     (`ilike '%q%'`) — trigram GIN indexes (pg_trgm, gin_trgm_ops), which serve `ilike`
 *     with leading wildcards.
 * The three conditions are ORed; Postgres answers each from its index and ORs the bitmaps
 * (BitmapOr), so a search reads only matching rows, whatever the organization's size.
 *
 * Under RLS it could not: `@@` and `ilike` are not LEAKPROOF, so Postgres must evaluate the
 * policy (per row) before them and will not use them as index conditions — every search read
 * the whole organization. private.sop_search() therefore runs the match as its owner, after
 * checking that the caller is a member of the organization, and returns only ids and ranks;
 * the list joins them back to public.sops under RLS, so the policy still decides which rows
 * the caller sees. Its statement is planned per call with the actual text (EXECUTE … USING).
 *
 * Why trigrams and not a prefix scheme (tsquery `:*` or text_pattern_ops `like 'q%'`): people
 * type the middle of a number ("0042" for SOP-0042) or of a title word ("clave"), which a
 * prefix index cannot answer; trigrams answer substrings and prefixes alike, and pg_trgm is a
 * contrib extension on every Postgres, on hosted Supabase and in PGlite. Queries of one or
 * two characters have no trigram and read the whole trigram index (still correct).
 *
 * Ranking (the service computes it; no pg_trgm function is needed at query time): the exact
 * document number, then a title substring, then a number substring, then ts_rank over the
 * weighted tsvector (title A > department B > body C).
 *
 * The tsvector was a stored generated column, recomputed over the whole draft (6–14 KB) on
 * every update of the row, even one that changes only the status or the owner. It is now an
 * ordinary column kept by a trigger that runs only when the title, the department or the
 * draft changed; same expression (20261123000300: slashes read as spaces).
 */

-- Hosted Supabase keeps extensions in schema `extensions` (supabase/local creates it for the
-- embedded database and plain Postgres). If pg_trgm is already installed elsewhere, use it there.
create extension if not exists pg_trgm with schema extensions;

do $$
declare v_schema text;
begin
  select n.nspname into v_schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
  execute format('create index sops_title_trgm_idx on public.sops using gin (title %I.gin_trgm_ops)', v_schema);
  execute format('create index sops_doc_number_trgm_idx on public.sops using gin (doc_number %I.gin_trgm_ops)', v_schema);
end $$;

create or replace function private.sop_search_vector(p_title text, p_department text, p_content jsonb) returns tsvector
  language sql immutable parallel safe set search_path = ''
as $$
  select setweight(to_tsvector('english'::regconfig, translate(p_title, '/\', '  ')), 'A')
    || setweight(to_tsvector('english'::regconfig, translate(p_department, '/\', '  ')), 'B')
    || setweight(jsonb_to_tsvector('english'::regconfig, translate(coalesce(p_content, '{}'::jsonb)::text, '/', ' ')::jsonb, '["string"]'::jsonb), 'C')
$$;

alter table public.sops alter column search drop expression;

create or replace function private.sops_search_vector() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  new.search := private.sop_search_vector(new.title, new.department, new.draft_content);
  return new;
end $$;

-- Named to fire after sops_before_insert / sops_before_update (BEFORE triggers run in name order).
create trigger sops_search_vector_insert before insert on public.sops
  for each row execute function private.sops_search_vector();
create trigger sops_search_vector_update before update of title, department, draft_content on public.sops
  for each row
  when (old.title is distinct from new.title or old.department is distinct from new.department
        or old.draft_content is distinct from new.draft_content)
  execute function private.sops_search_vector();

comment on column public.sops.search is 'Full-text search vector (title A, department B, draft C), kept by trigger sops_search_vector_*; never written by clients.';

/* The ids and ranks of one organization's SOPs that match a search, for a member of it only. */
create or replace function private.sop_search(p_org uuid, p_query text, p_literal text)
  returns table (id uuid, rank double precision)
  language plpgsql stable security definer set search_path = '' rows 100
as $$
begin
  if not private.is_member(p_org) then
    return;
  end if;
  -- $3: the text as a LIKE literal (\, % and _ escaped by the caller), $4: the substring pattern.
  return query execute $sql$
    select s.id,
           (case when s.doc_number ilike $3 then 3 when s.title ilike $4 then 2 when s.doc_number ilike $4 then 1 else 0 end
            + ts_rank(s.search, websearch_to_tsquery('english', $2)))::double precision
      from public.sops s
     where s.org_id = $1
       and (s.search @@ websearch_to_tsquery('english', $2) or s.title ilike $4 or s.doc_number ilike $4)
  $sql$ using p_org, p_query, p_literal, '%' || p_literal || '%';
end $$;
revoke all on function private.sop_search(uuid, text, text) from public, anon;
grant execute on function private.sop_search(uuid, text, text) to authenticated, service_role;
