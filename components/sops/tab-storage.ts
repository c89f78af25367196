/**
 * This tab's sessionStorage, for forms that must not lose what was typed to a reload or the
 * Back button (New SOP from a description and from a template). Storage can be unavailable
 * (disabled, full, a sandboxed frame): the form then works as before, keeping nothing.
 */
export function readTab(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeTab(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // nothing kept; the form itself still has the text
  }
}
