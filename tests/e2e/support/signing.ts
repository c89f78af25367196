import { expect, type Page } from '@playwright/test';
import { sopContent } from './content';

/** Every email the Resend fake received for this address, newest first. */
export async function mailTo(email: string): Promise<{ subject: string; text: string; html: string }[]> {
  const res = await fetch(`${process.env.E2E_RESEND_URL}/emails?to=${encodeURIComponent(email)}`, { headers: { Authorization: `Bearer ${process.env.E2E_RESEND_KEY}` } });
  return ((await res.json()) as { data: { subject: string; text: string; html: string }[] }).data;
}

/** The newest link to a version page in the emails to this address whose subject starts so ("Please review", "Please approve", "Rejected"). */
export async function taskLink(email: string, subject: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => (link = (await mailTo(email)).find((m) => m.subject.startsWith(subject))?.text.match(/https?:\/\/\S+\/versions\/[0-9a-f-]{36}/)?.[0]), { timeout: 15_000 })
    .toBeTruthy();
  return link!;
}

/** A member's user id, read by someone who may list the members. */
export async function memberId(page: Page, orgApi: string, email: string): Promise<string> {
  const { members } = (await (await page.request.get(`${orgApi}/members`)).json()) as { members: { userId: string; email: string }[] };
  return members.find((m) => m.email === email)!.userId;
}

/** A new SOP (of `department`, if given) with one complete version, made by `page` through the API; returns its ids and API urls. */
export async function sopWithVersion(page: Page, orgApi: string, title: string, department?: string) {
  let res = await page.request.post(`${orgApi}/sops`, { data: { title, content: sopContent(), ...(department === undefined ? {} : { department }) } });
  expect(res.status(), await res.text()).toBe(201);
  const { sop } = (await res.json()) as { sop: { id: string } };
  res = await page.request.post(`${orgApi}/sops/${sop.id}/versions`, { headers: { 'if-match': res.headers()['etag']! }, data: { changeSummary: 'First version' } });
  expect(res.status(), await res.text()).toBe(201);
  const { version } = (await res.json()) as { version: { id: string } };
  const sopUrl = `${orgApi}/sops/${sop.id}`;
  return { sopId: sop.id, versionId: version.id, sopUrl, versionUrl: `${sopUrl}/versions/${version.id}` };
}

/**
 * Submit `versionUrl` (the submitter signs with their password) with `approverId` as the only
 * approver, and have `approver` sign it: effective now. Returns the version's revision label.
 */
export async function makeEffective(submitter: Page, approver: Page, versionUrl: string, approverId: string, revisionKind: 'major' | 'minor' = 'major', password = 'correct horse battery staple 42'): Promise<string> {
  let res = await submitter.request.post(`${versionUrl}/submit`, {
    data: { revisionKind, reason: revisionKind === 'major' ? 'New issue of the procedure' : 'Wording corrected', reviewers: [], approvers: [approverId], password },
  });
  expect(res.status(), await res.text()).toBe(200);
  res = await approver.request.post(`${versionUrl}/signatures`, { data: { meaning: 'approved', password } });
  expect(res.status(), await res.text()).toBe(201);
  const { lifecycle } = (await res.json()) as { lifecycle: { state: string; revisionLabel: string } };
  expect(lifecycle.state).toBe('effective');
  return lifecycle.revisionLabel;
}
