'use client';
/**
 * "Read and understood": the signing ceremony of the SOP's effective revision for a member
 * with an open training task — what the signature means, who is signing, the password and
 * (when enrolled) the authenticator code. Posts to …/sops/{id}/acknowledgements, then
 * refreshes the page (the panel then shows them as Current).
 */
import { useRouter } from 'next/navigation';
import { BusyButton, ReauthFields, RefusalAlert, useSigning, type Signer } from '@/components/document-control/reauth';
import { MEANING_STATEMENTS } from '@/lib/document-control/words';

export function AcknowledgeCeremony({ url, signer, revision }: { url: string; signer: Signer; revision: string }) {
  const router = useRouter();
  const { busy, refusal, askTotp, run } = useSigning(signer.needsTotp);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const done = await run(e.currentTarget, url, {});
    if (done) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-test="acknowledge-ceremony" aria-labelledby="ack-title">
      <h4 id="ack-title" className="text-base font-semibold">Sign revision {revision} as read and understood</h4>
      <ReauthFields signer={signer} statement={MEANING_STATEMENTS.read_understood} askTotp={askTotp} idPrefix="ack" />
      <RefusalAlert refusal={refusal} />
      <BusyButton busy={busy} busyText="Signing…" test="acknowledge-submit">
        Sign as read and understood
      </BusyButton>
    </form>
  );
}
