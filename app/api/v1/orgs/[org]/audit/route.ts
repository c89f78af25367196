import { NextResponse } from 'next/server';
import { ZAuditListQuery, ZAuditParam } from '@/lib/audit/api-schemas';
import { ACTION_GROUP_KEYS } from '@/lib/audit/describe';
import { listAuditEvents } from '@/lib/audit/service';
import { orgRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZAuditParam,
    query: ZAuditListQuery,
    permission: 'audit.read',
    doc: {
      summary: 'The audit trail, newest first, in pages by seq (pass `nextCursor` as `cursor`).',
      description: `Filters: \`sop\` (SOP id), \`actor\` (user id), \`action\` (an action name such as \`signature.signed\`, or a group: ${ACTION_GROUP_KEYS.join(', ')}), \`from\` / \`to\` (YYYY-MM-DD in UTC, \`to\` including that day, or ISO 8601 date-times). Each event has its raw fields as hashed (\`createdAt\` in UTC with microseconds, \`dataText\` = Postgres \`data::text\`, \`prevHash\`, \`hash\`) and \`description\`, the event in words with people's names.`,
      responses: { '200': '`{ events, nextCursor }`.', '400': 'Invalid filter (the message names it).', '403': 'Your role cannot read the audit trail.', '404': 'Not a member, or no such organization.' },
    },
  },
  async ({ tx, org, query }) => NextResponse.json(await listAuditEvents(tx, org.id, query)),
);
