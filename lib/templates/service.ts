/**
 * Templates an SOP can start from: the built-ins (code, every organization) and the
 * organization's own (public.sop_templates, RLS: members read, sops.edit creates and deletes).
 * Each function takes the caller's transaction. Saving an SOP as a template copies its working
 * draft — what the SOP page and the editor show — without its number and revision history; an
 * SOP made from a template starts as version 0.1 holding that content under the user's title.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { assertCan } from '@/lib/orgs/service';
import type { TSopContent } from '@/lib/sops/content';
import { createSop, createVersion, requireSop, type SopDetail } from '@/lib/sops/service';
import { BUILT_IN_PREFIX, BUILT_IN_TEMPLATES, builtInTemplate, isBuiltInId } from './built-in';
import { sopToTemplateContent, templateToSopContent } from './content';

export interface TemplateSummary {
  /** "builtin:<key>" for a built-in, else the row's UUID. */
  id: string;
  kind: 'builtin' | 'org';
  name: string;
  industry: string;
  description: string;
  /** Organization templates only: who saved it, when, and from which SOP. */
  createdByName: string;
  createdAt: string | null;
  sourceSopId: string | null;
}

export interface Template extends TemplateSummary {
  content: TSopContent;
}

type Row = {
  id: string;
  name: string;
  industry: string;
  description: string;
  created_at: Date;
  created_by_name: string | null;
  source_sop_id: string | null;
  content?: TSopContent;
};

const SELECT = `select t.id, t.name, t.industry, t.description, t.created_at, t.source_sop_id,
         coalesce(nullif(p.full_name, ''), p.email, '') as created_by_name`;
const FROM = `from public.sop_templates t left join public.profiles p on p.id = t.created_by`;

const CANNOT = 'Your role cannot change the templates of this organization. Ask an owner or admin to make you an author.';
const NOT_FOUND = () => new AppError('not_found', 'No such template in this organization.');

function fromRow(r: Row): TemplateSummary {
  return { id: r.id, kind: 'org', name: r.name, industry: r.industry, description: r.description, createdByName: r.created_by_name ?? '', createdAt: isoTime(r.created_at), sourceSopId: r.source_sop_id };
}

const builtInSummaries: TemplateSummary[] = BUILT_IN_TEMPLATES.map((t) => ({
  id: `${BUILT_IN_PREFIX}${t.key}`,
  kind: 'builtin',
  name: t.name,
  industry: t.industry,
  description: t.description,
  createdByName: '',
  createdAt: null,
  sourceSopId: null,
}));

/** The built-ins in their fixed order, then the organization's own by name. */
export async function listTemplates(tx: Tx, orgId: string): Promise<TemplateSummary[]> {
  const rows = await tx.query<Row>(`${SELECT} ${FROM} where t.org_id = $1 order by t.name, t.id`, [orgId]);
  return [...builtInSummaries, ...rows.map(fromRow)];
}

/** A template with its content, or 404 (no such built-in, another organization's, not a member). */
export async function getTemplate(tx: Tx, orgId: string, id: string): Promise<Template> {
  if (isBuiltInId(id)) {
    const b = builtInTemplate(id);
    if (!b) throw NOT_FOUND();
    return { ...builtInSummaries.find((s) => s.id === id)!, content: b.content };
  }
  const [row] = await tx.query<Row>(`${SELECT}, t.content ${FROM} where t.org_id = $1 and t.id = $2`, [orgId, id]);
  if (!row) throw NOT_FOUND();
  return { ...fromRow(row), content: row.content! };
}

/** Save the SOP's working draft as a template of its organization. */
export async function saveSopAsTemplate(
  tx: Tx,
  args: { orgId: string; sopId: string; name: string; description?: string; industry?: string },
): Promise<Template> {
  const sop = await requireSop(tx, args.orgId, args.sopId);
  await assertCan(tx, args.orgId, 'sops.edit', CANNOT);
  if (!sop.draftContent) throw new AppError('unprocessable', 'This SOP has no content yet: write or draft it before saving it as a template.');
  const name = args.name.trim();
  let id: string;
  try {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.sop_templates (org_id, name, industry, description, content, source_sop_id)
       values ($1, $2, $3, $4, $5::jsonb, $6) returning id`,
      [args.orgId, name, args.industry?.trim() ?? '', args.description?.trim() ?? '', JSON.stringify(sopToTemplateContent(sop.draftContent)), sop.id],
    );
    id = row!.id;
  } catch (err) {
    throw databaseError(err, {
      '23505': new AppError('conflict', `This organization already has a template named “${name}”. Choose another name, or delete that one first.`),
      '42501': new AppError('forbidden', CANNOT),
    });
  }
  return getTemplate(tx, args.orgId, id);
}

/** Delete one of the organization's templates; SOPs made from it keep their content. */
export async function deleteTemplate(tx: Tx, orgId: string, id: string): Promise<void> {
  if (isBuiltInId(id)) {
    if (!builtInTemplate(id)) throw NOT_FOUND();
    throw new AppError('forbidden', 'Built-in templates are part of SOPwright and cannot be deleted.');
  }
  await getTemplate(tx, orgId, id);
  await assertCan(tx, orgId, 'sops.edit', CANNOT);
  try {
    const rows = await tx.query('delete from public.sop_templates where org_id = $1 and id = $2 returning id', [orgId, id]);
    if (rows.length === 0) throw NOT_FOUND();
  } catch (err) {
    throw databaseError(err, { '42501': new AppError('forbidden', CANNOT) });
  }
}

/**
 * A new SOP whose first version (0.1) is the template's content with the user's title, its
 * department (by default the template's) and the SOP's own number.
 */
export async function createSopFromTemplate(
  tx: Tx,
  args: { orgId: string; userId: string; templateId: string; title: string; department?: string },
): Promise<SopDetail> {
  const template = await getTemplate(tx, args.orgId, args.templateId);
  const department = args.department ?? template.content.titleBlock.department;
  const sop = await createSop(tx, { orgId: args.orgId, userId: args.userId, title: args.title, department });
  const content = templateToSopContent(template.content, { title: args.title, department, documentNumber: sop.docNumber });
  await createVersion(tx, { orgId: args.orgId, sopId: sop.id, authorId: args.userId, content, source: 'manual', changeSummary: `Created from the template “${template.name}”.` });
  return requireSop(tx, args.orgId, sop.id);
}
