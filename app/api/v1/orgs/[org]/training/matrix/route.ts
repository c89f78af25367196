import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { PEOPLE_PER_PAGE, SOPS_PER_PAGE, trainingMatrix, ZMatrixParam, ZMatrixQuery } from '@/lib/training/matrix';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZMatrixParam,
    query: ZMatrixQuery,
    doc: {
      summary: 'The training matrix: current members × SOPs with an effective version, each cell the read-and-understood status (public.training_status). Every member may read it.',
      description:
        `Filters: \`department\` (exact, without case), \`sop\` (one SOP id), \`status\` (current | pending | overdue | not_assigned: people with at least one cell in it), \`q\` (part of a name or email). Pages of ${PEOPLE_PER_PAGE} people (\`page\`) × ${SOPS_PER_PAGE} SOPs (\`sopPage\`); \`summary\` counts every page. Times are ISO 8601 UTC; \`asOf\` is the database clock the statuses were read at.`,
      responses: {
        '200': '`{ asOf, filters, people: [{ userId, name, email, department, role }], sops: [{ sopId, docNumber, title, label, versionId }], cells: [{ userId, sopId, status, assignedAt, dueAt, acknowledgedAt, acknowledgedVersionId, acknowledgedLabel }], summary: { cells, required, current, pending, overdue, notAssigned }, paging: { people, sops } }`.',
        '400': 'Invalid filter (the message names it).',
        '404': 'Not a member, or no such organization.',
      },
    },
  },
  async ({ tx, org, query }) => NextResponse.json(await trainingMatrix(tx, org.id, query)),
);
