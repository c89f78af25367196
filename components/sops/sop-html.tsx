'use client';
/**
 * Renders stored SOP HTML. It was sanitized before it was stored; it is sanitized again here,
 * in the browser, right before it reaches the DOM (defence in depth against anything that
 * bypassed the server path).
 */
import { useMemo } from 'react';
import { sanitizeSopHtml } from '@/lib/security/html';

export function SopHtml({ html, className = '' }: { html: string; className?: string }) {
  const clean = useMemo(() => sanitizeSopHtml(html), [html]);
  return <div className={`sop-doc ${className}`} data-test="sop-html" dangerouslySetInnerHTML={{ __html: clean }} />;
}
