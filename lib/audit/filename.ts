/** Content-Disposition of audit downloads: "<kind>-<org slug>-<UTC time>.<ext>" (slugs are URL-safe ASCII). */
export function auditDownloadName(slug: string, kind: string, ext: 'csv' | 'docx', now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `attachment; filename="${kind}-${slug}-${stamp}.${ext}"`;
}
