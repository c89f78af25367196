/** The client's IP from proxy headers (first hop), or a safe placeholder; never free text. */
export function clientIpFrom(headers: Headers, fallback = 'unknown'): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip') || '';
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : fallback;
}
