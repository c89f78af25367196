import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { InviteForm, InviteRowActions, MemberRowActions } from '@/components/app/org-forms';
import { DepartmentField, DepartmentSuggestions } from '@/components/training/department-field';
import { TableHead } from '@/components/ui/table';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { ROLE_LABELS, roleCan } from '@/lib/orgs/permissions';
import { listInvites, listMembers } from '@/lib/orgs/service';
import { loadDepartmentSuggestions } from '@/lib/training/page-context';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  const canManage = roleCan(org.role, 'members.manage');
  const { members, invites } = await withUser(user.claims, async (tx) => ({
    members: await listMembers(tx, org.id),
    invites: roleCan(org.role, 'invites.manage') ? await listInvites(tx, org.id) : [],
  }));
  const departments = canManage ? await loadDepartmentSuggestions(user, org) : [];
  return (
    <div className="space-y-6">
      {roleCan(org.role, 'invites.manage') ? (
        <Section title="Invite a colleague" description="They get an email with a link that works once, for 7 days, and only for that address.">
          <InviteForm slug={org.slug} />
        </Section>
      ) : null}
      <Section title={`Members (${members.length})`} description="The department decides which SOPs a member must read and sign as read and understood (training assigned to a department).">
        {canManage ? <DepartmentSuggestions departments={departments} /> : null}
        <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-test="members">
          <TableHead style="plain" cell="py-2 pr-4" columns={['Name', 'Role', 'Department', '']} />
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.userId} data-test="member-row">
                <td className="py-2 pr-4">
                  <div className="font-medium">{m.fullName || m.email}</div>
                  <div className="text-xs text-slate-500">{m.email}</div>
                </td>
                <td className="py-2 pr-4">{ROLE_LABELS[m.role].label}</td>
                <td className="py-2 pr-4" data-test="member-department">
                  {canManage ? <DepartmentField slug={org.slug} userId={m.userId} department={m.department} name={m.fullName || m.email} /> : m.department || <span className="text-slate-400">—</span>}
                </td>
                <td className="py-2">
                  <MemberRowActions slug={org.slug} userId={m.userId} role={m.role} canManage={canManage} isSelf={m.userId === user.id} viewerIsOwner={org.role === 'owner'} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </Section>
      {invites.length ? (
        <Section title={`Pending invitations (${invites.length})`}>
          <table className="w-full text-left text-sm" data-test="invites">
            <tbody className="divide-y divide-slate-100">
              {invites.map((i) => (
                <tr key={i.id} data-test="invite-row">
                  <td className="py-2 pr-4">{i.email}</td>
                  <td className="py-2 pr-4">{ROLE_LABELS[i.role].label}</td>
                  <td className="py-2 pr-4 text-xs text-slate-500">{i.status === 'expired' ? 'expired' : `expires ${i.expiresAt.slice(0, 10)}`}</td>
                  <td className="py-2">
                    <InviteRowActions slug={org.slug} inviteId={i.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
    </div>
  );
}
