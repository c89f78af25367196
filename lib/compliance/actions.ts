'use server';
/** Compliance's form actions: the frameworks the organization follows (Settings), and the clause picker's clauses of one framework (SOP page). */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/lib/http/action';
import { CURRENT_FRAMEWORK_CODES } from '@/lib/library';
import { ZSlug } from '@/lib/orgs/slug';
import { setOrgFrameworks } from './org-frameworks';
import { pickableClauses, type ClauseChoice } from './page-context';

/** Checkboxes named `fw.<code>`: one per framework followed. */
const PREFIX = 'fw.';

export const setOrgFrameworksAction = orgAction(
  { input: z.object({ slug: ZSlug }).catchall(z.unknown()), permission: 'org.update' },
  async ({ org, input, tx }) => {
    const codes = Object.keys(input).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
    const parsed = z.array(z.enum(CURRENT_FRAMEWORK_CODES, { message: 'Choose frameworks from the list.' })).safeParse(codes);
    if (!parsed.success) return { error: 'Choose frameworks from the list.' };
    const { frameworks, added, removed } = await setOrgFrameworks(tx, org.id, parsed.data);
    revalidatePath(`/o/${org.slug}`, 'layout');
    if (!added.length && !removed.length) return { notice: 'No change.' };
    return { notice: frameworks.length ? `Saved: the organization follows ${frameworks.length} framework${frameworks.length === 1 ? '' : 's'}.` : 'Saved: the organization follows no framework.' };
  },
);

export const frameworkClausesAction = orgAction(
  { input: z.object({ slug: ZSlug, framework: z.enum(CURRENT_FRAMEWORK_CODES, { message: 'Choose a framework from the list.' }) }) },
  async ({ input }): Promise<{ data: { framework: string; clauses: ClauseChoice[] } }> => ({ data: { framework: input.framework, clauses: pickableClauses(input.framework) } }),
);
