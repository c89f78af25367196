/** The recovery codes as the .txt a person downloads (used in the browser: no crypto here). */
export function recoveryCodesText(email: string, codes: readonly string[], createdAt: Date): string {
  return [
    'SOPwright recovery codes',
    `Account: ${email}`,
    `Created: ${createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    'Each code signs you in once if you lose your authenticator app; using one turns',
    'two-factor authentication off until you set up a new authenticator. Keep them safe.',
    '',
    ...codes,
    '',
  ].join('\n');
}
