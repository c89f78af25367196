/*
 * Health and safety keeps each hazard's severity (issue 14). The content schema
 * (lib/sops/content.ts, ZHazard) now stores an entry of healthAndSafety.cautions as a callout
 * {"kind": "warning" | "caution" | "note", "text": …}; before, it was a plain string printed as
 * a CAUTION, even when the drafter had taken it from a WARNING in the procedure.
 *
 * Owns: a one-off rewrite of the working drafts (public.sops.draft_content) that still hold
 * plain strings there. Each string becomes {"kind": k, "text": <the same JSON string>}, where k is
 *   'warning' if a callout of the draft's procedure, at any depth, is a warning with exactly that text,
 *   else 'note' if one is a note with exactly that text,
 *   else 'caution' (what the string was shown as until now).
 * Entries that are already objects, their order, and everything else in the draft are kept as
 * they are; the text is the stored JSON string itself, so it is kept byte for byte.
 *
 * Invariants:
 *   - sop_versions are not touched: they are immutable (sop_versions_immutable) and their
 *     signatures bind the SHA-256 of the stored content. The schema still reads a plain string
 *     as a caution (hazardOf), so old versions render as they always did.
 *   - draft_revision still increases with every change of draft_content: it is bumped by one
 *     here, so an editor open on the old text gets a conflict instead of overwriting the
 *     rewrite with the kinds it had guessed. draft_updated_at, draft_updated_by and updated_at
 *     say who last edited the draft and when; a format change is not an edit, so they keep
 *     their values. sops_before_update would set them to now() and to no one, so it is disabled
 *     for this one statement, inside this migration's transaction (no other session sees it
 *     disabled: the lock taken by ALTER TABLE keeps writers out until the commit). Its other
 *     duty, refusing a change of identity columns, is not needed: none is changed here.
 *   - No audit event: draft autosaves are not in the trail (audit_sop_change ignores them), and
 *     this rewrite changes no meaning.
 *   - Running it again changes nothing (only drafts with a plain string are selected).
 */

alter table public.sops disable trigger sops_before_update;

update public.sops s
   set draft_content = jsonb_set(
         s.draft_content,
         '{healthAndSafety,cautions}',
         (select jsonb_agg(
                   case
                     when jsonb_typeof(h.entry) <> 'string' then h.entry
                     else jsonb_build_object(
                       'kind',
                       case
                         -- Every object of the procedure at any depth (steps, callouts); only a callout
                         -- has a kind, and one object must have both the kind and the exact text.
                         when jsonb_path_exists(s.draft_content, 'strict $.procedure.** ? (@.kind == "warning" && @.text == $text)', jsonb_build_object('text', h.entry), true) then 'warning'
                         when jsonb_path_exists(s.draft_content, 'strict $.procedure.** ? (@.kind == "note" && @.text == $text)', jsonb_build_object('text', h.entry), true) then 'note'
                         else 'caution'
                       end,
                       'text', h.entry)
                   end
                   order by h.n)
            from jsonb_array_elements(s.draft_content -> 'healthAndSafety' -> 'cautions') with ordinality as h (entry, n))),
       draft_revision = s.draft_revision + 1
 where jsonb_typeof(s.draft_content -> 'healthAndSafety' -> 'cautions') = 'array'
   and exists (select 1 from jsonb_array_elements(s.draft_content -> 'healthAndSafety' -> 'cautions') e (entry)
                where jsonb_typeof(e.entry) = 'string');

alter table public.sops enable trigger sops_before_update;
