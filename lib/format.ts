/** How pages show a moment in time: minutes, in UTC, saying so ("2026-11-23 17:30 UTC"). */
export function formatUtc(d: Date | string): string {
  return `${new Date(d).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How a signature's moment is shown (21 CFR 11.50): to the second, in UTC, saying so ("2026-12-01 11:15:04 UTC"). */
export function formatUtcSeconds(d: Date | string): string {
  return `${new Date(d).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
