// Pure planning of a bulk removal: which ids, which territories per record, how many calls.

/** Zoho record and territory ids are long decimal numbers (zoho-crm.md §6). */
const ZOHO_ID = /^\d{1,30}$/;

/** Records per `GET …/{module}?ids=` read (zoho-crm.md §2). */
export const READ_CHUNK_SIZE = 100;

export function isZohoId(value: string): boolean {
  return ZOHO_ID.test(value);
}

/** The ids once each, first occurrence first. */
export function dedupeIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

export interface ParsedIds {
  /** valid, unique, in the order given */
  ids: string[];
  /** tokens that are not Zoho ids, unique */
  invalid: string[];
  /** valid ids given more than once (extra copies) */
  duplicates: number;
}

/** Ids from free text: separated by white space, commas, semicolons or pipes. */
export function parseIdList(text: string): ParsedIds {
  return collectIds(text.split(/[\s,;|]+/));
}

/** Valid, unique ids and the rest, from tokens (surrounding white space and quotes ignored). */
export function collectIds(tokens: Iterable<string>): ParsedIds {
  const ids = new Set<string>();
  const invalid = new Set<string>();
  let duplicates = 0;
  for (const raw of tokens) {
    const token = raw.trim().replace(/^["']|["']$/g, '');
    if (token === '') continue;
    if (!isZohoId(token)) invalid.add(token);
    else if (ids.has(token)) duplicates++;
    else ids.add(token);
  }
  return { ids: [...ids], invalid: [...invalid], duplicates };
}

export function splitIntoBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Batch size must be a positive integer, not ${size}.`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

export function callsFor(records: number, perCall: number): number {
  return Math.ceil(records / perCall);
}

/** One territory on one record, as a read reports it. */
export interface TerritoryHolding {
  id: string;
  assigned: 'manually' | 'automatically';
}

/** What a read found per record id; a record Zoho did not return has no entry. */
export type RecordHoldings = Readonly<Record<string, readonly TerritoryHolding[]>>;

/** Each record's name as a read found it (the module's name field); records without one are absent. */
export type RecordNames = Readonly<Record<string, string>>;

export interface RecordPlan {
  /** records to send, in order */
  toSend: string[];
  /** records settled without a call: they hold none of the territories, or only rule-assigned ones */
  settled: Record<string, 'not-assigned' | 'rule-assigned'>;
  /** records to be sent fewer than all the territories: the manually assigned ones they hold */
  territoriesOf: Record<string, string[]>;
}

/**
 * Without a read every record is sent every territory and Zoho's answers decide. With one, a
 * rule-assigned territory is never sent (Zoho refuses it with NOT_ALLOWED, zoho-crm.md §1) and a
 * record holding none of the territories costs no call.
 */
export function planRecords(
  territoryIds: readonly string[],
  recordIds: readonly string[],
  holdings?: RecordHoldings,
): RecordPlan {
  const plan: RecordPlan = { toSend: [], settled: {}, territoriesOf: {} };
  for (const recordId of recordIds) {
    const held = holdings && Object.hasOwn(holdings, recordId) ? holdings[recordId] : undefined;
    if (!held) {
      plan.toSend.push(recordId);
      continue;
    }
    const requestedHeld = territoryIds.filter((t) => held.some((h) => h.id === t));
    const manual = requestedHeld.filter((t) => held.some((h) => h.id === t && h.assigned === 'manually'));
    if (requestedHeld.length === 0) plan.settled[recordId] = 'not-assigned';
    else if (manual.length === 0) plan.settled[recordId] = 'rule-assigned';
    else {
      plan.toSend.push(recordId);
      if (manual.length !== territoryIds.length) plan.territoriesOf[recordId] = manual;
    }
  }
  return plan;
}

export interface TerritoryPreview {
  territoryId: string;
  /** records holding the territory */
  holding: number;
  manual: number;
  /** held by territory rules: skipped, Zoho refuses to remove those */
  ruleAssigned: number;
}

export interface BulkPreview {
  /** unique records asked about */
  records: number;
  /** records Zoho did not return (deleted, or not visible to this user): sent anyway, Zoho says why */
  notFound: string[];
  perTerritory: TerritoryPreview[];
  /** records the run sends */
  toSend: number;
  /** records skipped because every requested territory they hold is rule-assigned */
  skippedRuleAssigned: number;
  /** records skipped because they hold none of the territories */
  holdingNone: number;
  batchSize: number;
  /** remove calls the run takes when nothing is retried */
  removeCalls: number;
  /** the read, restricted to the requested territories: hand it to `bulk.start` */
  holdings: Record<string, TerritoryHolding[]>;
  /** the records' names, read in the same calls: hand them to `bulk.start` */
  names: Record<string, string>;
}

export function previewOf(input: {
  territoryIds: readonly string[];
  recordIds: readonly string[];
  holdings: RecordHoldings;
  names?: RecordNames;
  batchSize: number;
}): BulkPreview {
  const territoryIds = dedupeIds(input.territoryIds);
  const recordIds = dedupeIds(input.recordIds);
  const requested = new Set(territoryIds);
  const holdings: Record<string, TerritoryHolding[]> = {};
  const names: Record<string, string> = {};
  const notFound: string[] = [];
  for (const recordId of recordIds) {
    const held = Object.hasOwn(input.holdings, recordId) ? input.holdings[recordId] : undefined;
    if (held) holdings[recordId] = held.filter((h) => requested.has(h.id)).map((h) => ({ ...h }));
    else notFound.push(recordId);
    const name = input.names && Object.hasOwn(input.names, recordId) ? input.names[recordId] : undefined;
    if (name) names[recordId] = name;
  }
  const perTerritory = territoryIds.map((territoryId): TerritoryPreview => {
    let manual = 0;
    let ruleAssigned = 0;
    for (const held of Object.values(holdings)) {
      const holding = held.find((h) => h.id === territoryId);
      if (holding?.assigned === 'manually') manual++;
      else if (holding) ruleAssigned++;
    }
    return { territoryId, holding: manual + ruleAssigned, manual, ruleAssigned };
  });
  const plan = planRecords(territoryIds, recordIds, holdings);
  const settled = Object.values(plan.settled);
  return {
    records: recordIds.length,
    notFound,
    perTerritory,
    toSend: plan.toSend.length,
    skippedRuleAssigned: settled.filter((kind) => kind === 'rule-assigned').length,
    holdingNone: settled.filter((kind) => kind === 'not-assigned').length,
    batchSize: input.batchSize,
    removeCalls: callsFor(plan.toSend.length, input.batchSize),
    holdings,
    names,
  };
}
