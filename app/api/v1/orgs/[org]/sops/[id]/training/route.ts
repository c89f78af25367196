import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { sopTraining } from '@/lib/training/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZSopParam,
    permission: 'sops.read',
    doc: {
      summary: 'Read-and-understood training of this SOP: who must read it and where each of them stands.',
      description:
        '`effective`: the effective revision (`versionId`, `label`, `major`) or null (no tasks until a version becomes effective). `assignments`: as GET …/training-assignments. `people`: every current member with a task for the current major revision, `status` current (acknowledged: `acknowledgedAt`, `acknowledgedRevision`) | pending (not yet due: `dueAt`) | overdue (past `dueAt` by the database clock). `counts`: { current, pending, overdue, total }. `mine`: your own open task, or null.',
      responses: { '200': '`{ effective, assignments, people, counts, mine }`.', '404': 'No such SOP in this organization.' },
    },
  },
  async ({ tx, org, params }) => NextResponse.json(await sopTraining(tx, { orgId: org.id, sopId: params.id })),
);
