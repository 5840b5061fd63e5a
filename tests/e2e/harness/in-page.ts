// Functions evaluated in the page's main world; each must be self-contained (it is serialised).

export const PANEL_HOST = 'territory-panel';

/** The panel's text (its styles left out), or null when the panel is not mounted in this document. */
export function readPanelText(hostTag: string): string | null {
  const root = document.querySelector(hostTag)?.shadowRoot;
  if (!root) return null;
  const parts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent !== 'STYLE' && parent !== 'SCRIPT') parts.push(node.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Centre of the panel element whose accessible name is `name`, scrolled into view; null if absent or disabled. */
export function locatePanelControl(args: { hostTag: string; name: string }): { x: number; y: number } | null {
  const root = document.querySelector(args.hostTag)?.shadowRoot;
  if (!root) return null;
  const candidates = root.querySelectorAll<HTMLElement>('button, a, input, [role="button"], summary');
  for (const el of candidates) {
    const labelledBy = el.getAttribute('aria-labelledby');
    const label =
      el.getAttribute('aria-label') ??
      (labelledBy ? root.getElementById(labelledBy)?.textContent : null) ??
      el.textContent ??
      '';
    if (label.replace(/\s+/g, ' ').trim() !== args.name) continue;
    el.scrollIntoView({ block: 'center' });
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }
  return null;
}

export function focusedPanelName(hostTag: string): string | null {
  const root = document.querySelector(hostTag)?.shadowRoot;
  const el = root?.activeElement as HTMLElement | null | undefined;
  if (!el) return null;
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function locatePageElement(selector: string): { x: number; y: number } | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center' });
  const box = el.getBoundingClientRect();
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

/**
 * Centre of the enabled, visible button or link of the document (not the panel) whose accessible
 * name is `name`, scrolled into view; null while there is none.
 */
export function locatePageButton(name: string): { x: number; y: number } | null {
  for (const el of document.querySelectorAll<HTMLElement>('button, a[href], [role="button"], summary')) {
    const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (label !== name || el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled')) continue;
    el.scrollIntoView({ block: 'center' });
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }
  return null;
}

export interface PanelRow {
  id: string;
  name: string;
  text: string;
}

/** The territory rows the panel lists, or null when the panel is not mounted. */
export function readPanelRows(hostTag: string): PanelRow[] | null {
  const root = document.querySelector(hostTag)?.shadowRoot;
  if (!root) return null;
  return [...root.querySelectorAll<HTMLElement>('[data-territory-id]')].map((row) => ({
    id: row.dataset.territoryId ?? '',
    name: row.querySelector('.tp-name')?.textContent ?? '',
    text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}
