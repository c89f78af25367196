/*
 * Which engine proposed a suggested mapping: Claude or keyword matching (offline), so that the
 * SOP page can say "Suggested by Claude" or "Suggested by keyword matching". Set by the
 * application on origin 'suggested' rows only; null for mappings made by hand or taken from
 * the SOP's references.
 */
alter table public.sop_clause_mappings
  add column suggested_by text check (suggested_by in ('claude', 'keywords')),
  add constraint sop_clause_mappings_suggested_by_origin check (suggested_by is null or origin = 'suggested');
comment on column public.sop_clause_mappings.suggested_by is 'For a suggestion: claude or keywords (offline keyword matching).';
grant insert (suggested_by) on table public.sop_clause_mappings to authenticated;
