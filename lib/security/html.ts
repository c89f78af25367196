/**
 * Rendered SOP HTML before it is stored or shown: DOMPurify with an allowlist that matches
 * exactly what lib/sops/render-html produces — structural tags only, the `class` attribute
 * limited to SOPwright's own class names and `data-section` limited to the section keys. No
 * style, no ids, no URLs of any kind. isomorphic-dompurify runs it on the server (jsdom) and in
 * the browser alike, so a client component can sanitize again right before rendering.
 */
import DOMPurify, { type Config, type UponSanitizeAttributeHook } from 'isomorphic-dompurify';

export const SOP_HTML_TAGS = [
  'div', 'section', 'aside', 'span',
  'h1', 'h2', 'h3', 'p', 'br', 'strong', 'em',
  'ol', 'ul', 'li',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
] as const;

export const SOP_HTML_ATTRS = ['class', 'data-section'] as const;

/** Every class name the renderer may emit; any other class token is dropped. */
export const SOP_HTML_CLASSES: ReadonlySet<string> = new Set([
  'sop',
  'sop-title-block', 'sop-title', 'sop-meta', 'sop-meta-label',
  'sop-section', 'sop-section-heading', 'sop-section-number', 'sop-subheading',
  'sop-na', 'sop-list', 'sop-table',
  'sop-steps', 'sop-step', 'sop-step-number', 'sop-step-text',
  'callout', 'callout-warning', 'callout-caution', 'callout-note', 'callout-label',
  'sop-references', 'sop-ref-citation', 'sop-ref-unknown',
]);

/** Values `data-section` may take: the content keys (lib/sops/content). */
export const SOP_SECTION_KEYS: ReadonlySet<string> = new Set([
  'titleBlock', 'purpose', 'scope', 'responsibilities', 'definitions', 'materialsAndEquipment',
  'healthAndSafety', 'procedure', 'records', 'references', 'revisionHistory',
]);

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  // body is the walk root DOMPurify parses into; only its children are returned. Without it
  // DOMPurify treats the root as disallowed and deep-clones the whole tree to unwrap it.
  ALLOWED_TAGS: [...SOP_HTML_TAGS, 'body'],
  ALLOWED_ATTR: [...SOP_HTML_ATTRS],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  // Nothing we allow carries a URL; refuse every value a URL check would look at.
  ALLOWED_URI_REGEXP: /^(?!)/,
  // data-section is value-checked by the hook below (section keys only), not as a URL.
  ADD_URI_SAFE_ATTR: ['data-section'],
  KEEP_CONTENT: true,
  // A fragment, serialized below: DOMPurify would hand back a string without "<" untouched
  // (entities, NULs and all); parsing every input gives one canonical output.
  RETURN_DOM_FRAGMENT: true,
};

const TAGS: ReadonlySet<string> = new Set(SOP_HTML_TAGS);
const ATTRS: ReadonlySet<string> = new Set(SOP_HTML_ATTRS);

function allowedClasses(value: string): string {
  return [...new Set(value.split(/\s+/).filter((c) => SOP_HTML_CLASSES.has(c)))].join(' ');
}

const restrictAttributes: UponSanitizeAttributeHook = (_node, data) => {
  if (data.attrName === 'class') {
    const kept = allowedClasses(data.attrValue);
    if (kept) data.attrValue = kept;
    else data.keepAttr = false;
  } else if (data.attrName === 'data-section' && !SOP_SECTION_KEYS.has(data.attrValue)) {
    data.keepAttr = false;
  }
};

/**
 * Fail closed if the shared instance was reconfigured elsewhere (a global setConfig makes
 * DOMPurify ignore our config; another module's hook could force-keep an attribute): anything
 * outside the allowlist that got through is removed here.
 */
function enforceAllowlist(parent: ParentNode): void {
  for (const el of Array.from(parent.children)) {
    if (!TAGS.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      el.remove();
      continue;
    }
    for (const { name, value } of Array.from(el.attributes)) {
      const ok = name === 'class' ? value !== '' && allowedClasses(value) === value : ATTRS.has(name) && SOP_SECTION_KEYS.has(value);
      if (!ok) el.removeAttribute(name);
    }
    enforceAllowlist(el);
  }
}

export function sanitizeSopHtml(html: string): string {
  // The DOMPurify instance is shared with any other caller, so the hook is attached only for
  // this (synchronous) call and removed again, whatever happens.
  DOMPurify.addHook('uponSanitizeAttribute', restrictAttributes);
  let fragment: DocumentFragment | string | null;
  try {
    fragment = DOMPurify.sanitize(html, CONFIG);
  } finally {
    DOMPurify.removeHook('uponSanitizeAttribute', restrictAttributes);
  }
  // null: the input parsed into a document without a body (e.g. "<frameset>"); nothing is kept.
  if (fragment === null) return '';
  if (typeof fragment === 'string') throw new Error('DOMPurify ignored the SOP config (a global setConfig is in force)');
  enforceAllowlist(fragment);
  const holder = fragment.ownerDocument.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}
