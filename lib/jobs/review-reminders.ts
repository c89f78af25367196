/** Periodic-review reminders and escalations (issue 15). Placeholder until the review work lands. */
import type { JobContext } from './context';

export async function sendReviewReminders(_ctx: JobContext): Promise<{ sent: number }> {
  return { sent: 0 };
}
