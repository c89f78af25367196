/*
 * Full-text search finds words joined by slashes: Postgres' parser reads "lockout/tagout" or
 * "QA/QC" as one file-path token, so searching "lockout" missed it. The body's strings are
 * indexed with slashes read as spaces ("/" only occurs inside JSON string values, so the
 * document stays valid JSON).
 */
drop index public.sops_search_idx;
alter table public.sops drop column search;
alter table public.sops add column search tsvector generated always as (
  setweight(to_tsvector('english'::regconfig, translate(title, '/\', '  ')), 'A')
  || setweight(to_tsvector('english'::regconfig, translate(department, '/\', '  ')), 'B')
  || setweight(jsonb_to_tsvector('english'::regconfig, translate(coalesce(draft_content, '{}'::jsonb)::text, '/', ' ')::jsonb, '["string"]'::jsonb), 'C')
) stored;
create index sops_search_idx on public.sops using gin (search);
