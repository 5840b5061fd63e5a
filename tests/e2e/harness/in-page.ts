// Functions evaluated in the page's main world; each must be self-contained (it is serialised).

export const PANEL_HOST = 'territory-panel';
/** `hostTag` of a panel that is the document itself (the side panel page), not in a shadow root. */
export const WHOLE_DOCUMENT = '';

/** The panel's text (its styles left out), or null when the panel is not mounted in this document. */
export function readPanelText(hostTag: string): string | null {
  const root = hostTag === '' ? document.body : document.querySelector(hostTag)?.shadowRoot;
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
  const root = args.hostTag === '' ? document : document.querySelector(args.hostTag)?.shadowRoot;
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
  const root = hostTag === '' ? document : document.querySelector(hostTag)?.shadowRoot;
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
  const root = hostTag === '' ? document : document.querySelector(hostTag)?.shadowRoot;
  if (!root) return null;
  return [...root.querySelectorAll<HTMLElement>('[data-territory-id]')].map((row) => ({
    id: row.dataset.territoryId ?? '',
    name: row.querySelector('.tp-name')?.textContent ?? '',
    text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PanelGeometry {
  /** the docked panel (or its collapsed tab) */
  dock: Rect;
  collapsed: boolean;
  edge: 'left' | 'right';
  /** Remove buttons by accessible name, and whether the page covers their centre */
  removeButtons: { name: string; rect: Rect; reachable: boolean }[];
  /** what the rows take: the list's height */
  listHeight: number;
  theme: string | null;
}

export interface PageControl {
  name: string;
  rect: Rect;
}

export interface Geometry {
  panel: PanelGeometry | null;
  page: { controls: PageControl[]; viewport: { width: number; height: number } };
}

/** Where the panel is, and whether what it offers can really be clicked (nothing of the page above it). */
export function panelGeometry(hostTag: string): PanelGeometry | null {
  const host = document.querySelector(hostTag);
  const root = host?.shadowRoot;
  const dock = root?.querySelector<HTMLElement>('.tp-dock');
  if (!host || !root || !dock) return null;
  const rectOf = (el: Element) => {
    const box = el.getBoundingClientRect();
    return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
  };
  const shown = [...root.querySelectorAll<HTMLElement>('.tp-remove')].filter(
    (button) => button.getClientRects().length,
  );
  const removeButtons = shown.map((button) => {
    const rect = rectOf(button);
    const hit = document.elementFromPoint((rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
    return { name: button.getAttribute('aria-label') ?? '', rect, reachable: hit === host };
  });
  return {
    dock: rectOf(dock),
    collapsed: dock.classList.contains('tp-dock-collapsed'),
    edge: dock.classList.contains('tp-dock-left') ? 'left' : 'right',
    removeButtons,
    listHeight: root.querySelector('.tp-list')?.getBoundingClientRect().height ?? 0,
    theme: root.querySelector('.tp-panel')?.getAttribute('data-theme') ?? null,
  };
}

/** Zoho's own controls that must stay usable: the record header's actions, the top bar, the chat bar. */
export function pageGeometry(): Geometry['page'] {
  const selectors = [
    '[data-zcqa="record-actions"] > *',
    '[data-zcqa="crm-topbar"] a, [data-zcqa="crm-topbar"] .crm-user',
    '[data-zcqa="chat-bar"] button',
  ];
  const controls: PageControl[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(selectors.join(', '))) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    controls.push({ name, rect: { left: box.left, top: box.top, right: box.right, bottom: box.bottom } });
  }
  return {
    controls,
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core (already added to the page) over the panel's shadow root. */
export async function runAxe(hostTag: string): Promise<AxeViolation[]> {
  type AxeResult = {
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
  };
  const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
  const result = await axe.run(hostTag === '' ? document : { include: [{ fromShadowDom: [hostTag, 'aside'] }] }, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    // Off by default in axe, and the one a busy button failed before.
    rules: { 'label-content-name-mismatch': { enabled: true } },
  });
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => JSON.stringify(node.target)),
  }));
}

export interface UiWords {
  /** every text node, styles and scripts left out */
  text: string;
  /** every accessible name or hint given as an attribute: aria-label, title, placeholder, alt */
  names: string[];
  lang: string;
  dir: string;
}

/** The words a UI shows or speaks, and the language and direction it says it is in. */
export function readUiWords(hostTag: string): UiWords | null {
  const root = hostTag === '' ? document : document.querySelector(hostTag)?.shadowRoot;
  if (!root) return null;
  const top = hostTag === '' ? document.documentElement : root.querySelector('[lang]');
  const parts: string[] = [];
  const walker = document.createTreeWalker(hostTag === '' ? document.body : root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent !== 'STYLE' && parent !== 'SCRIPT') parts.push(node.textContent ?? '');
  }
  const names: string[] = [];
  for (const el of root.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(attribute);
      if (value) names.push(value);
    }
  }
  return {
    text: parts.join(' ').replace(/\s+/g, ' ').trim(),
    names,
    lang: top?.getAttribute('lang') ?? '',
    dir: top?.getAttribute('dir') ?? '',
  };
}
