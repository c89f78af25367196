/**
 * Audit events in words, with people's names: the one place that turns an action code and its
 * data into the sentence an inspector reads ("Ana Ruiz approved SOP-0007 “Line clearance”
 * version 2.0"). Pure: the service resolves names, SOPs and version labels first.
 *
 * WORDING has an entry for every action the migrations and the app write;
 * tests/unit/audit-describe.test.ts enumerates the action names in supabase/migrations and in
 * lib/ and fails when one has no entry here. An unknown action (a newer database) still reads
 * as a sentence, with its code.
 */

import { getFramework } from '@/lib/library';

export interface Person {
  id: string | null;
  name: string;
  email: string;
}

export interface DescribableEvent {
  action: string;
  actor: Person | null;
  data: Record<string, unknown>;
  reason: string;
  sop: { docNumber: string; title: string } | null;
  /** The version's revision label (1.0, 2.0 …) once approved, else its draft label; '' when none. */
  versionLabel: string;
  /** For invitation events: the invited address (from the trail's member.invited event). */
  inviteEmail: string;
  /** People the data names by id only (ownership transfers, older membership events). */
  people: Record<string, Person>;
}

const ROLE_WORDS: Record<string, string> = { owner: 'Owner', admin: 'Admin', author: 'Author', approver: 'Approver', viewer: 'Viewer' };
const STATE_WORDS: Record<string, string> = {
  draft: 'draft',
  in_review: 'in review',
  in_approval: 'in approval',
  approved: 'approved',
  effective: 'effective',
  superseded: 'superseded',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  obsolete: 'obsolete',
  retired: 'obsolete',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const quote = (s: string) => `“${s.length > 120 ? `${s.slice(0, 117)}…` : s}”`;
/** A role as people read it: "Approver". */
export const roleWords = (r: unknown) => ROLE_WORDS[str(r)] ?? (str(r) || 'a role');
const role = roleWords;
const state = (s: unknown) => STATE_WORDS[str(s)] ?? str(s);

/** "2026-12-01 14:05 UTC" from an ISO time; the text as given when it is not one. */
export function utcWords(iso: unknown): string {
  const d = new Date(str(iso));
  return Number.isNaN(d.getTime()) ? str(iso) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "for the department “Production”", or "for any department" ('' is that entry). */
const departmentWords = (d: unknown) => (str(d) ? `for the department ${quote(str(d))}` : 'for any department');
/** "2 approvers", "1 reviewer", "no reviewers". */
function countWords(list: unknown, noun: string): string {
  const n = Array.isArray(list) ? list.length : 0;
  return n === 0 ? `no ${noun}s` : `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A person as a sentence names them: printed name, else email, else a fallback. */
export function personWords(p: Partial<Person> | null | undefined, fallback = 'someone'): string {
  return p?.name || p?.email || fallback;
}

function actor(e: DescribableEvent): string {
  return e.actor ? personWords(e.actor, 'Someone') : 'The system';
}

function sopWords(e: DescribableEvent): string {
  const d = e.data;
  const number = e.sop?.docNumber || str(d.doc_number);
  const title = e.sop?.title || str(d.title);
  if (!number && !title) return 'an SOP';
  return [number, title && quote(title)].filter(Boolean).join(' ');
}

function versionWords(e: DescribableEvent): string {
  const label = e.versionLabel || str(e.data.label) || str(e.data.version);
  return label ? `${sopWords(e)} version ${label}` : sopWords(e);
}

const because = (e: DescribableEvent, lead = 'reason') => (e.reason ? ` (${lead}: ${quote(e.reason)})` : '');

const plural = (n: unknown, unit: string) => (n == null || n === '' ? 'nothing' : `${str(n)} ${unit}${str(n) === '1' ? '' : 's'}`);

/** Organization settings that are numbers of something: "the default periodic review interval from 24 months to 12 months". */
const SETTING_UNITS: Record<string, { label: string; fmt: (x: unknown) => string }> = {
  review_interval_months: { label: 'the default periodic review interval', fmt: (x) => plural(x, 'month') },
  training_due_days: { label: 'the days to acknowledge training', fmt: (x) => plural(x, 'day') },
};

/** A SOP's periodic review setting as recorded by private.set_review_interval ({interval_months, exempt_reason}). */
function reviewIntervalWords(v: unknown): string {
  const o = obj(v);
  if (str(o.exempt_reason)) return `no periodic review (reason: ${quote(str(o.exempt_reason))})`;
  if (o.interval_months != null) return `every ${plural(o.interval_months, 'month')}`;
  return 'the organization’s default interval';
}

/**
 * "title from “A” to “B”, status from draft to in review" for an {k: {old, new}} diff. Ids
 * read as the person they name (owner) or as a plain "changed" (a version pointer).
 */
function changes(e: DescribableEvent, skip: string[] = []): string {
  const words = Object.entries(e.data)
    .filter(([k, v]) => !skip.includes(k) && v && typeof v === 'object' && 'new' in (v as object))
    .map(([k, v]) => {
      const { old: before, new: after } = v as { old: unknown; new: unknown };
      const label = k.replace(/_id$/, '').replace(/_/g, ' ');
      if (k.endsWith('_id')) {
        const name = (x: unknown) => (x ? personWords(e.people[str(x)], '') : '');
        const [a, b] = [name(before), name(after)];
        return a || b ? `${label} from ${a || 'nobody'} to ${b || 'nobody'}` : `${label} changed`;
      }
      const unit = SETTING_UNITS[k];
      if (unit) return `${unit.label} from ${unit.fmt(before)} to ${unit.fmt(after)}`;
      const fmt = (x: unknown) => (k === 'status' || k === 'state' ? state(x) : x == null || x === '' ? 'nothing' : quote(str(x)));
      return `${label} from ${fmt(before)} to ${fmt(after)}`;
    });
  return words.join(', ');
}

/** The person a membership event is about, as recorded (data.person), else the ids. */
function member(e: DescribableEvent): string {
  const p = obj(e.data.person);
  const id = str(obj(e.data.new ?? e.data.old).user_id) || str(p.id);
  const recorded = { name: str(p.name), email: str(p.email) };
  return personWords(recorded.name || recorded.email ? recorded : e.people[id], id || 'a member');
}

function sameAsActor(e: DescribableEvent): boolean {
  const id = str(obj(e.data.person).id) || str(obj(e.data.new ?? e.data.old).user_id);
  return !!e.actor?.id && e.actor.id === id;
}

const invitee = (e: DescribableEvent) => str(obj(e.data.new ?? e.data.old).email) || e.inviteEmail || 'someone';

/** "the template “Receiving (Plant 2)”" from an organization template's event data. */
const templateWords = (e: DescribableEvent) => (str(e.data.name) ? `the template ${quote(str(e.data.name))}` : 'a template');

const DRAFTER = (source: unknown) => (str(source) === 'ai' ? 'Claude' : 'the offline drafter');

/** Whom a training assignment names: a person, "everyone with the role Approver", "the department “Packaging”". */
function assigneeWords(e: DescribableEvent): string {
  switch (str(e.data.kind)) {
    case 'person': return personWords(obj(e.data.person) as Partial<Person>, 'a member');
    case 'role': return `everyone with the role ${role(e.data.role)}`;
    case 'department': return `the department ${quote(str(e.data.department))}`;
    default: return 'someone';
  }
}

/** " revision 2" for a training task's major revision number. */
/** "3 gaps", "1 clause", "no gaps" from a count. */
const numberWords = (v: unknown, noun: string) => countWords(Array.from({ length: Math.max(0, Math.trunc(Number(v) || 0)) }), noun);
const frameworkWords = (e: DescribableEvent) => getFramework(str(e.data.framework))?.shortName ?? (str(e.data.framework) || 'a framework');
const clauseWords = (e: DescribableEvent) => `${frameworkWords(e)} ${str(e.data.clause)}`.trim();
const MAPPING_ORIGIN: Record<string, string> = { references: ' (from its references)', manual: '' };
const majorWords = (e: DescribableEvent) => (str(e.data.major) ? ` (revision ${str(e.data.major)}.x)` : '');

const TASK_CLOSED: Record<string, string> = {
  left: 'they left the organization',
  unassigned: 'they are no longer assigned',
  superseded: 'a new major revision replaced it',
  obsolete: 'the SOP became obsolete',
};

type Describer = (e: DescribableEvent) => string;

function transition(verb: (e: DescribableEvent) => string): Describer {
  return (e) => `${verb(e)}${because(e)}`;
}

export const WORDING: Record<string, Describer> = {
  // organization
  'org.created': (e) => `${actor(e)} created the organization ${quote(str(obj(e.data.new).name))}`,
  'org.updated': (e) => `${actor(e)} changed the organization: ${changes(e) || 'settings'}`,
  'org.ownership_transferred': (e) => `${actor(e)} transferred ownership of the organization to ${personWords(e.people[str(e.data.to)], 'another member')}`,
  'billing.customer_created': (e) => `${actor(e)} set up billing for the organization`,
  'routing_defaults.set': (e) => `${actor(e)} set the review and approval defaults ${departmentWords(e.data.department)}: ${countWords(e.data.reviewers, 'reviewer')}, ${countWords(e.data.approvers, 'approver')}`,
  'routing_defaults.removed': (e) => `${actor(e)} removed the review and approval defaults ${departmentWords(e.data.department)}`,
  // access (Annex 11 §12)
  'member.invited': (e) => `${actor(e)} invited ${invitee(e)} as ${role(obj(e.data.new).role)}`,
  'invite.accepted': (e) => {
    const by = e.people[str(obj(e.data.accepted_by).new)];
    return `${by ? `${personWords(by)} (${invitee(e)})` : invitee(e)} accepted the invitation`;
  },
  'invite.revoked': (e) => `${actor(e)} withdrew the invitation of ${invitee(e)}`,
  'invite.resent': (e) => `${actor(e)} sent the invitation of ${invitee(e)} again`,
  'member.joined': (e) => `${member(e)} joined as ${role(obj(e.data.new).role)}${sameAsActor(e) || !e.actor ? '' : ` (added by ${actor(e)})`}`,
  'member.role_changed': (e) => {
    const by = e.actor ? ` by ${actor(e)}` : '';
    const parts: string[] = [];
    if ('role' in e.data) {
      const r = obj(e.data.role);
      parts.push(`${member(e)} was given the role ${role(r.new)} (was ${role(r.old)})${by}`);
    }
    if ('department' in e.data) {
      const d = obj(e.data.department);
      const who = e.actor ? actor(e) : 'The system';
      const change = str(d.new) ? `set ${member(e)}’s department to ${str(d.new)}` : `cleared ${member(e)}’s department`;
      parts.push(`${who} ${change}${str(d.old) ? ` (was ${str(d.old)})` : ''}`);
    }
    return parts.length ? parts.join('; ') : `${member(e)}’s membership was changed${by}`;
  },
  'member.removed': (e) => {
    const was = role(obj(e.data.old).role);
    if (!e.actor) return `${member(e)} (${was}) lost access: their account was erased`;
    if (sameAsActor(e)) return `${member(e)} (${was}) left the organization`;
    return `${member(e)} (${was}) was removed by ${actor(e)}`;
  },
  // SOPs and versions
  'sop.created': (e) => `${actor(e)} created ${sopWords(e)}`,
  'sop.updated': (e) => `${actor(e)} changed ${sopWords(e)}: ${changes(e, ['doc_number']) || 'details'}`,
  'sop.version_created': (e) => `${actor(e)} saved ${versionWords(e)}${str(e.data.source) === 'ai' ? ' (drafted by Claude)' : str(e.data.source) === 'offline' ? ' (offline draft)' : ''}`,
  'generation.started': (e) => `${actor(e)} started drafting ${sopWords(e)} with ${DRAFTER(e.data.source)}`,
  'generation.succeeded': (e) => `Drafting ${sopWords(e)} finished`,
  'generation.failed': (e) => `Drafting ${sopWords(e)} failed${str(e.data.error_code) ? ` (${str(e.data.error_code)})` : ''}`,
  'generation.cancelled': (e) => `Drafting ${sopWords(e)} was cancelled`,
  'sop.exported': (e) => `${actor(e)} exported ${versionWords(e)} as a Word document`,
  'template.created': (e) => `${actor(e)} ${e.sop ? `saved ${sopWords(e)} as` : 'created'} ${templateWords(e)}`,
  'template.deleted': (e) => `${actor(e)} deleted ${templateWords(e)}`,
  'sop.bulk_exported': (e) => `${actor(e)} exported ${str(e.data.count) || 'the'} current SOPs as a ZIP of Word documents`,
  // document control
  'sop.version_submitted': (e) =>
    `${actor(e)} submitted ${versionWords(e)} as a ${str(e.data.revision_kind) || 'new'} revision${because(e, 'reason for change')}`,
  'sop.task_assigned': (e) =>
    `${personWords(obj(e.data.assignee) as Partial<Person>, 'a member')} was asked to ${str(e.data.step) === 'approval' ? 'approve' : 'review'} ${versionWords(e)}`,
  'signature.signed': (e) => {
    const signer = personWords(obj(e.data.signer) as Partial<Person>, actor(e));
    const what = versionWords(e);
    const how = str(e.data.auth_method) === 'password+totp' ? ' (password and authentication code)' : ' (password)';
    switch (str(e.data.meaning)) {
      case 'authored': return `${signer} signed ${what} as its author${how}`;
      case 'reviewed': return `${signer} reviewed ${what} and signed${how}`;
      case 'approved': return `${signer} approved ${what}${how}`;
      case 'rejected': return `${signer} rejected ${what}${how}${because(e, 'comment')}`;
      case 'read_understood': return `${signer} signed ${what} as read and understood${how}`;
      case 'reviewed_no_change': return `${signer} signed the periodic review of ${what} as reviewed, no change${how}${because(e, 'comment')}`;
      default: return `${signer} signed ${what} (${str(e.data.meaning)})${how}`;
    }
  },
  // read-and-understood training
  'training.assigned': (e) => `${actor(e)} assigned ${sopWords(e)} for read and understood to ${assigneeWords(e)}`,
  'training.unassigned': (e) => `${actor(e)} removed ${assigneeWords(e)} from the readers of ${sopWords(e)}`,
  'training.task_created': (e) =>
    `${personWords(obj(e.data.assignee) as Partial<Person>, 'a member')} was asked to read ${sopWords(e)}${majorWords(e)} and sign it as read and understood${str(e.data.due_at) ? ` by ${utcWords(e.data.due_at).slice(0, 10)}` : ''}${str(e.data.reason) === 'new_version' ? ' (new revision)' : ''}`,
  'training.task_closed': (e) =>
    `The read-and-understood task of ${personWords(obj(e.data.assignee) as Partial<Person>, 'a member')} for ${sopWords(e)}${majorWords(e)} was closed: ${TASK_CLOSED[str(e.data.reason)] ?? (str(e.data.reason) || 'closed')}`,
  // the compliance library: frameworks followed, SOP-to-clause mappings, gap analyses
  'compliance.framework_added': (e) => `${actor(e)} added ${frameworkWords(e)} to the frameworks the organization follows`,
  'compliance.framework_removed': (e) => `${actor(e)} removed ${frameworkWords(e)} from the frameworks the organization follows`,
  'compliance.clause_mapped': (e) => `${actor(e)} mapped ${sopWords(e)} to ${clauseWords(e)}${MAPPING_ORIGIN[str(e.data.origin)] ?? ''}`,
  'compliance.clause_suggested': (e) => `${clauseWords(e)} was suggested for ${sopWords(e)}, waiting for a person to accept it`,
  'compliance.suggestion_accepted': (e) => `${actor(e)} accepted the suggestion that ${sopWords(e)} addresses ${clauseWords(e)}`,
  'compliance.suggestion_rejected': (e) => `${actor(e)} rejected the suggestion that ${sopWords(e)} addresses ${clauseWords(e)}`,
  'compliance.clause_unmapped': (e) => `${actor(e)} removed the mapping of ${sopWords(e)} to ${clauseWords(e)}`,
  'compliance.gap_analysis_run': (e) =>
    `${actor(e)} ran a${str(e.data.engine) === 'offline' ? 'n offline (keyword)' : ' Claude'} gap analysis of ${sopWords(e)} against ${frameworkWords(e)}: ${numberWords(e.data.gaps, 'gap')}, ${numberWords(e.data.addressed, 'clause')} addressed${Number(e.data.flagged) ? `, ${numberWords(e.data.flagged, 'answer')} dropped as unverifiable` : ''}`,
  'sop.review_interval_set': (e) => `${actor(e)} set the periodic review of ${sopWords(e)} to ${reviewIntervalWords(e.data.new)} (was ${reviewIntervalWords(e.data.old)})`,
  'sop.periodic_review_signed': (e) => {
    const signer = personWords(obj(e.data.signer) as Partial<Person>, actor(e));
    const next = str(e.data.next_review_at) ? `; next review due ${str(e.data.next_review_at).slice(0, 10)}` : '';
    return `${signer} completed the periodic review of ${versionWords(e)}: reviewed, no change${next}${because(e, 'comment')}`;
  },
  'signature.failed': (e) =>
    `Failed signing attempt by ${personWords(obj(e.data.user) as Partial<Person>, actor(e))} on ${versionWords(e)}: wrong ${str(e.data.method) === 'totp' ? 'authentication code' : 'password'}`,
  'signature.locked': (e) =>
    `Signing locked for ${personWords(obj(e.data.user) as Partial<Person>, actor(e))} until ${utcWords(e.data.locked_until)} after ${str(e.data.failures) || 'repeated'} failed attempts`,
  'sop.version_draft': transition((e) => `${versionWords(e)} went back to draft`),
  'sop.version_in_review': transition((e) => `${versionWords(e)} went to review`),
  'sop.version_in_approval': transition((e) => `${versionWords(e)} went to approval`),
  'sop.version_approved': transition((e) => `${versionWords(e)} was approved`),
  'sop.version_effective': transition((e) => `${versionWords(e)} became effective`),
  'sop.version_superseded': transition((e) => `${versionWords(e)} was superseded`),
  'sop.version_rejected': transition((e) => `${versionWords(e)} was rejected`),
  'sop.version_withdrawn': transition((e) => `${actor(e)} withdrew ${versionWords(e)}`),
  'sop.version_obsolete': transition((e) => `${actor(e)} made ${versionWords(e)} obsolete`),
  'sop.obsoleted': transition((e) => `${actor(e)} made ${sopWords(e)} obsolete`),
  // a member's own sign-in security (written in each of their organizations)
  'account.recovery_codes_created': (e) => `${actor(e)} turned on two-factor authentication and received ${str(e.data.count) || '10'} recovery codes`,
  'account.recovery_codes_regenerated': (e) => `${actor(e)} made a new set of ${str(e.data.count) || '10'} recovery codes (the old ones stopped working)`,
  'account.recovery_code_used': (e) =>
    `${actor(e)} signed in with a recovery code, which removed their authenticator app (${str(e.data.remaining) || '0'} recovery code${str(e.data.remaining) === '1' ? '' : 's'} left)`,
  // the trail itself
  'audit.exported': (e) => {
    const format = ({ csv: 'CSV data', docx: 'a Word document', access_csv: 'the access report (CSV)' } as Record<string, string>)[str(e.data.format)] ?? str(e.data.format);
    const filters = Object.keys(obj(e.data.filters)).length ? ' (filtered)' : '';
    return `${actor(e)} exported the audit trail as ${format}${filters}`;
  },
  // the training matrix (lib/training/matrix.ts)
  'training.matrix_exported': (e) => {
    const format = ({ csv: 'CSV data', xlsx: 'an Excel workbook' } as Record<string, string>)[str(e.data.format)] ?? str(e.data.format);
    const f = obj(e.data.filters);
    const filters = Object.keys(f).length ? ` (filtered by ${Object.keys(f).map((k) => ({ department: 'department', sop: 'SOP', status: 'status', q: 'name or email' } as Record<string, string>)[k] ?? k).join(', ')})` : '';
    return `${actor(e)} exported the training matrix as ${format}${filters}`;
  },
  // compliance evidence (lib/compliance/evidence.ts)
  'compliance.evidence_exported': (e) => {
    const format = ({ csv: 'CSV data', xlsx: 'an Excel workbook', docx: 'a Word document' } as Record<string, string>)[str(e.data.format)] ?? str(e.data.format);
    return `${actor(e)} exported the compliance evidence for ${frameworkWords(e)} as ${format}`;
  },
};

/** Groups of actions for filtering ("every signature event"). */
export const ACTION_GROUPS = {
  access: { label: 'Access and roles', match: (a: string) => a.startsWith('member.') || a.startsWith('invite.') || a.startsWith('account.') || a === 'org.ownership_transferred' },
  signatures: { label: 'Signatures and failed attempts', match: (a: string) => a.startsWith('signature.') },
  lifecycle: { label: 'Review, approval, effective, obsolete', match: (a: string) => a.startsWith('sop.version_') && a !== 'sop.version_created' || a === 'sop.task_assigned' || a === 'sop.obsoleted' || a === 'sop.review_interval_set' || a === 'sop.periodic_review_signed' },
  documents: { label: 'SOPs, versions and exports', match: (a: string) => ['sop.created', 'sop.updated', 'sop.version_created', 'sop.exported', 'sop.bulk_exported', 'training.matrix_exported', 'compliance.evidence_exported'].includes(a) || a.startsWith('template.') },
  training: { label: 'Read-and-understood training', match: (a: string) => a.startsWith('training.') && a !== 'training.matrix_exported' },
  compliance: { label: 'Compliance mapping and gap analysis', match: (a: string) => a.startsWith('compliance.') && a !== 'compliance.evidence_exported' },
  drafting: { label: 'AI drafting', match: (a: string) => a.startsWith('generation.') },
  organization: { label: 'Organization and billing', match: (a: string) => a === 'org.created' || a === 'org.updated' || a.startsWith('billing.') || a.startsWith('routing_defaults.') },
  audit: { label: 'Audit trail exports', match: (a: string) => a.startsWith('audit.') },
} as const;
export type ActionGroup = keyof typeof ACTION_GROUPS;
export const ACTION_GROUP_KEYS = Object.keys(ACTION_GROUPS) as [ActionGroup, ...ActionGroup[]];

/** Every action name this module words, in WORDING order. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(WORDING);

/** The actions of a group (as known here). */
export function actionsOf(group: ActionGroup): string[] {
  return KNOWN_ACTIONS.filter((a) => ACTION_GROUPS[group].match(a));
}

/** A short label for an action in a filter list: "signature.failed" → "Signature failed". */
export function actionLabel(action: string): string {
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The event as one sentence, with names. */
export function describeEvent(e: DescribableEvent): string {
  const words = WORDING[e.action];
  if (words) return words(e);
  return `${actor(e)} recorded “${e.action}”${e.sop ? ` on ${sopWords(e)}` : ''}`;
}
