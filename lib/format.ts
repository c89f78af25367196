/** How pages show a moment in time: minutes, in UTC, saying so ("2026-11-23 17:30 UTC"). */
export function formatUtc(d: Date | string): string {
  return `${new Date(d).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
