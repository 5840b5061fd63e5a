// The text columns a bulk job's records are kept in (journal.ts) and handed to the page in
// (progress.ts): ids joined, each as the digits it does not share with the one before; positions
// as runs; one letter per outcome, with the fields some outcomes carry beside them; the territories
// a record is narrowed to as a bit mask over the job's. Pure.
import * as v from 'valibot';
import type { OutcomeKind, RecordOutcome } from './job';

/** Outcomes of some records: their positions (`encodeIndexes`), a letter each, and what more some carry. */
export interface StoredOutcomes {
  records: string;
  kinds: string;
  /** by place in `records` (decimal): the outcome's fields beside its kind */
  details: Record<string, Record<string, unknown>>;
}

/** Records sent fewer than all the job's territories: positions by territory mask (base 36). */
export type StoredNarrowing = Record<string, string>;

const KIND_LETTERS: Record<OutcomeKind, string> = {
  removed: 'r',
  restored: 't',
  scheduled: 's',
  'not-assigned': 'n',
  'rule-assigned': 'a',
  locked: 'l',
  'no-permission': 'p',
  error: 'e',
  cancelled: 'c',
};
/** Kinds that carry nothing more: read without a schema, which 100,000 records would feel. */
const BARE_KINDS = new Set<OutcomeKind>([
  'removed',
  'restored',
  'not-assigned',
  'rule-assigned',
  'locked',
  'cancelled',
]);
const KIND_OF_LETTER = new Map(Object.entries(KIND_LETTERS).map(([kind, letter]) => [letter, kind as OutcomeKind]));

/** Positions as runs: `a-b` for a rising run of consecutive positions, `a` alone; base 36, in order. */
export function encodeIndexes(indexes: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    const first = indexes[i] as number;
    let last = first;
    while (indexes[i + 1] === last + 1) {
      last++;
      i++;
    }
    i++;
    runs.push(last === first ? first.toString(36) : `${first.toString(36)}-${last.toString(36)}`);
  }
  return runs.join(',');
}

const RUN = /^([0-9a-z]{1,8})(?:-([0-9a-z]{1,8}))?$/;

export function decodeIndexes(text: string): number[] | null {
  if (text === '') return [];
  const indexes: number[] = [];
  for (const run of text.split(',')) {
    const match = RUN.exec(run);
    if (!match) return null;
    const first = Number.parseInt(match[1] as string, 36);
    const last = match[2] === undefined ? first : Number.parseInt(match[2], 36);
    if (last < first) return null;
    for (let index = first; index <= last; index++) indexes.push(index);
  }
  return indexes;
}

/** Ids joined by commas, each as how many leading digits it shares with the one before (one base-36 digit) and the rest. */
export function encodeIds(ids: readonly string[]): string {
  let previous = '';
  const parts = ids.map((id) => {
    let shared = 0;
    const most = Math.min(35, id.length - 1, previous.length);
    while (shared < most && id[shared] === previous[shared]) shared++;
    previous = id;
    return shared.toString(36) + id.slice(shared);
  });
  return parts.join(',');
}

const ID_LIST = /^[0-9a-z]\d{1,30}(?:,[0-9a-z]\d{1,30})*$/;

export function decodeIds(text: string): string[] | null {
  if (text === '') return [];
  if (!ID_LIST.test(text)) return null;
  let previous = '';
  const ids: string[] = [];
  for (const part of text.split(',')) {
    const shared = Number.parseInt(part.charAt(0), 36);
    if (shared > previous.length) return null;
    previous = previous.slice(0, shared) + part.slice(1);
    if (previous.length > 30) return null;
    ids.push(previous);
  }
  return ids;
}

const RecordOutcomeSchema = v.variant('kind', [
  v.object({ kind: v.literal('removed') }),
  v.object({ kind: v.literal('restored'), already: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('scheduled'), jobId: v.nullable(v.string()) }),
  v.object({ kind: v.literal('not-assigned') }),
  v.object({ kind: v.literal('rule-assigned') }),
  v.object({ kind: v.literal('locked') }),
  v.object({ kind: v.literal('no-permission'), code: v.string() }),
  v.object({
    kind: v.literal('error'),
    code: v.string(),
    status: v.optional(v.number()),
    message: v.optional(v.string()),
  }),
  v.object({ kind: v.literal('cancelled') }),
]);

export const StoredOutcomesSchema = v.object({
  records: v.string(),
  kinds: v.pipe(v.string(), v.regex(/^[rtsnalpec]*$/)),
  details: v.record(v.pipe(v.string(), v.regex(/^\d{1,6}$/)), v.record(v.string(), v.unknown())),
});
export const StoredNarrowingSchema = v.record(v.pipe(v.string(), v.regex(/^[0-9a-z]{1,11}$/)), v.string());

/** Outcomes by the position of their record. */
export function storeOutcomes(outcomes: Iterable<[number, RecordOutcome]>): StoredOutcomes {
  const indexes: number[] = [];
  let kinds = '';
  const details: StoredOutcomes['details'] = {};
  for (const [index, outcome] of outcomes) {
    const { kind: _, ...detail } = outcome;
    // A bare kind may still carry a field (a put-back's `already`); only then is it written.
    if (!BARE_KINDS.has(outcome.kind) || Object.keys(detail).length > 0) details[indexes.length] = detail;
    indexes.push(index);
    kinds += KIND_LETTERS[outcome.kind];
  }
  return { records: encodeIndexes(indexes), kinds, details };
}

/** The territories each of `records` (position, id) is narrowed to, as masks over `territoryIds`. */
export function storeNarrowing(
  territoryIds: readonly string[],
  territoriesOf: Readonly<Record<string, readonly string[]>>,
  records: Iterable<[number, string]>,
): StoredNarrowing {
  const bits = new Map(territoryIds.map((id, bit) => [id, 2 ** bit]));
  const byMask = new Map<string, number[]>();
  for (const [index, id] of records) {
    const narrowed = territoriesOf[id];
    if (!narrowed) continue;
    const mask = narrowed.reduce((sum, territory) => sum + (bits.get(territory) ?? 0), 0).toString(36);
    const list = byMask.get(mask) ?? [];
    byMask.set(mask, list);
    list.push(index);
  }
  return Object.fromEntries([...byMask].map(([mask, indexes]) => [mask, encodeIndexes(indexes)]));
}

/** Each outcome with the position of its record, or null when one does not read. */
export function readOutcomesAt(stored: StoredOutcomes): [number, RecordOutcome][] | null {
  const indexes = decodeIndexes(stored.records);
  if (!indexes || indexes.length !== stored.kinds.length) return null;
  const outcomes: [number, RecordOutcome][] = [];
  for (const [place, index] of indexes.entries()) {
    const kind = KIND_OF_LETTER.get(stored.kinds[place] as string);
    const detail = Object.hasOwn(stored.details, place) ? stored.details[place] : undefined;
    if (detail === undefined && kind !== undefined && BARE_KINDS.has(kind)) {
      outcomes.push([index, { kind } as RecordOutcome]);
      continue;
    }
    const parsed = v.safeParse(RecordOutcomeSchema, { ...detail, kind });
    if (!parsed.success) return null;
    outcomes.push([index, parsed.output]);
  }
  return outcomes;
}

/** Each narrowed record's position with its territories, or null when one does not read. */
export function readNarrowingAt(territoryIds: readonly string[], stored: StoredNarrowing): [number, string[]][] | null {
  const narrowed: [number, string[]][] = [];
  for (const [mask, text] of Object.entries(stored)) {
    const bits = Number.parseInt(mask, 36);
    const territories = territoryIds.filter((_, bit) => Math.floor(bits / 2 ** bit) % 2 === 1);
    const indexes = decodeIndexes(text);
    if (!indexes || territories.length === 0) return null;
    for (const index of indexes) narrowed.push([index, territories]);
  }
  return narrowed;
}
