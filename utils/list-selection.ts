// Which records a Zoho list view has selected, read from its row checkboxes. Best effort: the
// markup is Zoho's, so rows whose record id cannot be read are counted rather than guessed.
// `data-zcqa` attributes are Zoho's own QA hooks, its most stable anchors (zoho-crm.md §6).

export const ROW_CHECKBOX = 'input[data-zcqa="row-select"]';

const RECORD_ID = /^\d{1,30}$/;

export interface ListSelection {
  /** decimal record ids of the checked rows, each once, in page order */
  recordIds: string[];
  /** checked rows whose record id could not be read */
  unreadable: number;
}

export const NO_SELECTION: ListSelection = { recordIds: [], unreadable: 0 };

function recordIdOf(box: HTMLInputElement): string | null {
  if (RECORD_ID.test(box.value)) return box.value;
  const fromRow = box.closest('[data-record-id]')?.getAttribute('data-record-id') ?? '';
  return RECORD_ID.test(fromRow) ? fromRow : null;
}

export function readListSelection(root: ParentNode): ListSelection {
  const ids = new Set<string>();
  let unreadable = 0;
  for (const box of root.querySelectorAll<HTMLInputElement>(ROW_CHECKBOX)) {
    if (!box.checked) continue;
    const id = recordIdOf(box);
    if (id) ids.add(id);
    else unreadable++;
  }
  return { recordIds: [...ids], unreadable };
}

export function isSameSelection(a: ListSelection, b: ListSelection): boolean {
  return a.unreadable === b.unreadable && a.recordIds.join(',') === b.recordIds.join(',');
}
