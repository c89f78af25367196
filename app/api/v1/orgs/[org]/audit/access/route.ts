import { NextResponse } from 'next/server';
import { ZAuditParam } from '@/lib/audit/api-schemas';
import { accessReport } from '@/lib/audit/service';
import { orgRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZAuditParam,
    permission: 'audit.read',
    doc: {
      summary: 'Access report (Annex 11 §12): who held which role, from when to when, derived from the audited membership events; removed and erased members named as recorded.',
      responses: { '200': '`{ periods }`: userId, name, email, role, from, to (null: still held), grantedBy, ended.', '403': 'Your role cannot read the audit trail.', '404': 'Not a member, or no such organization.' },
    },
  },
  async ({ tx, org }) => NextResponse.json({ periods: await accessReport(tx, org.id) }),
);
