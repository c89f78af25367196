/** Read-and-understood task emails and escalations (issue 15). Placeholder until the training work lands. */
import type { JobContext } from './context';

export async function sendTrainingReminders(_ctx: JobContext): Promise<{ sent: number }> {
  return { sent: 0 };
}
