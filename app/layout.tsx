import type { Metadata } from 'next';
import { headers } from 'next/headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'SOPwright — controlled SOPs for regulated teams', template: '%s · SOPwright' },
  description:
    'Draft standard operating procedures with Claude, control them with review, e-signature and an audit trail, map them to ISO 9001, 21 CFR Part 11, HACCP and more, and export them to Word.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the nonce makes every page render per request, so Next stamps it on its scripts.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" data-nonce-present={nonce ? 'true' : 'false'}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
