/**
 * Who may do what in an organization. The same table lives in SQL as private.role_can()
 * (last defined in supabase/migrations/20261202000100_document_control.sql); tests/db/permissions.test.ts checks
 * every cell of one against the other. RLS enforces it; the UI uses it to show or hide
 * controls.
 */
export const ROLES = ['owner', 'admin', 'author', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'org.read': ROLES,
  'org.update': ['owner', 'admin'],
  'members.read': ROLES,
  'members.manage': ['owner', 'admin'],
  'invites.manage': ['owner', 'admin'],
  'ownership.transfer': ['owner'],
  'billing.manage': ['owner', 'admin'],
  'sops.read': ROLES,
  'sops.edit': ['owner', 'admin', 'author'],
  'sops.approve': ['owner', 'admin', 'approver'],
  // document control: make SOPs obsolete, withdraw anyone's submission, make a due version effective
  'sops.control': ['owner', 'admin'],
  'audit.read': ['owner', 'admin', 'approver'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, { label: string; description: string }> = {
  owner: { label: 'Owner', description: 'Everything, including billing and transferring ownership.' },
  admin: { label: 'Admin', description: 'Manages members, invites, settings and billing; edits SOPs.' },
  author: { label: 'Author', description: 'Drafts and edits SOPs.' },
  approver: { label: 'Approver', description: 'Reads SOPs and the audit trail (review and approval arrive with document control).' },
  viewer: { label: 'Viewer', description: 'Reads SOPs.' },
};
