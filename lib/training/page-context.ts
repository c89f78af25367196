/**
 * For the SOP page's Training panel, the My tasks page's "Everything I must read" and the
 * Members page's departments: everything training shows, loaded in the caller's transaction
 * scope (withUser), and the signing precheck of the "Read and understood" ceremony in its own
 * short transaction (a refusal there ends it; it is shown as a sentence instead of the form).
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { checkSigner, type SignerCheck } from '@/lib/document-control/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { listMembers, type OrgSummary } from '@/lib/orgs/service';
import { departmentSuggestions } from '@/lib/sops/departments';
import { myTrainingTasks, sopTraining, type MyTrainingTask, type SopTraining } from './service';

export interface PickablePerson {
  userId: string;
  name: string;
  email: string;
}

export interface TrainingPanelData extends SopTraining {
  canAssign: boolean;
  /** For owners and admins: the members to pick, and department suggestions (SOPs' and members'). */
  members: PickablePerson[];
  departments: string[];
  /** The ceremony's precheck when the signed-in user has an open task: may sign (factors, printed name) or why not. */
  signer: SignerCheck | null;
}

/** Departments suggested for members and assignments: the SOPs', the routing defaults' and the members' own. */
async function suggestions(tx: Parameters<typeof departmentSuggestions>[0], orgId: string, members: { department: string }[]): Promise<string[]> {
  const all = [...(await departmentSuggestions(tx, orgId)), ...members.map((m) => m.department.trim()).filter(Boolean)];
  const byKey = new Map<string, string>();
  for (const d of all) if (!byKey.has(d.toLowerCase())) byKey.set(d.toLowerCase(), d);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

export async function loadTrainingPanel(user: CurrentUser, org: OrgSummary, sopId: string): Promise<TrainingPanelData> {
  const canAssign = roleCan(org.role, 'sops.control');
  const data = await withUser(user.claims, async (tx) => {
    const training = await sopTraining(tx, { orgId: org.id, sopId });
    if (!canAssign) return { ...training, members: [], departments: [] };
    const members = await listMembers(tx, org.id);
    return {
      ...training,
      members: members.map((m) => ({ userId: m.userId, name: m.fullName || m.email, email: m.email })),
      departments: await suggestions(tx, org.id, members),
    };
  });
  let signer: SignerCheck | null = null;
  if (data.mine && data.effective) {
    signer = await checkSigner(user, { orgId: org.id, sopId, versionId: data.effective.versionId }, 'read_understood');
  }
  return { ...data, canAssign, signer };
}

/** "Everything I must read" on My tasks. */
export async function loadMyTraining(user: CurrentUser, org: OrgSummary): Promise<MyTrainingTask[]> {
  return withUser(user.claims, (tx) => myTrainingTasks(tx, org.id));
}

/** The Members page's department suggestions. */
export async function loadDepartmentSuggestions(user: CurrentUser, org: OrgSummary): Promise<string[]> {
  return withUser(user.claims, async (tx) => suggestions(tx, org.id, await listMembers(tx, org.id)));
}
