// A selection handed from a CRM page to the bulk page through storage.session: the page's address
// carries only a random token, so record ids never land in an address (history, synced tabs, crash
// reports) and no address grows with the selection. A hand-over stays readable for an hour, so a
// reload of the page opened with it finds it again; older ones are removed at the next hand-over.
import * as v from 'valibot';
import { type BulkSelection, BulkSelectionSchema } from '../messaging';

export type { BulkSelection };

import type { StorageArea } from '../zoho/storage-area';

/** The token's shape: what `crypto.randomUUID()` gives. */
export const HANDOFF_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const HANDOFF_LIFETIME_MS = 60 * 60_000;

const INDEX_KEY = 'bulkHandoffs';
const keyOf = (token: string) => `bulkHandoff:${token}`;
const IndexSchema = v.array(v.object({ token: v.string(), at: v.number() }));

async function readIndex(area: StorageArea): Promise<v.InferOutput<typeof IndexSchema>> {
  const stored = v.safeParse(IndexSchema, (await area.get(INDEX_KEY))[INDEX_KEY]);
  return stored.success ? stored.output : [];
}

export interface HandoffDeps {
  storage: StorageArea;
  now?: () => number;
  newToken?: () => string;
}

/** Stores the selection and gives the token that reads it back. */
export async function handOver(deps: HandoffDeps, selection: BulkSelection): Promise<string> {
  const now = (deps.now ?? Date.now)();
  const token = (deps.newToken ?? (() => crypto.randomUUID()))();
  const index = await readIndex(deps.storage);
  const live = index.filter((entry) => now - entry.at < HANDOFF_LIFETIME_MS);
  for (const entry of index) if (!live.includes(entry)) await deps.storage.remove(keyOf(entry.token));
  await deps.storage.set({ [keyOf(token)]: selection, [INDEX_KEY]: [...live, { token, at: now }] });
  return token;
}

/** The selection a token stands for; null when it is unknown, expired or not a selection. */
export async function readHandoff(deps: HandoffDeps, token: string): Promise<BulkSelection | null> {
  if (!HANDOFF_TOKEN.test(token)) return null;
  const key = keyOf(token);
  const entry = (await readIndex(deps.storage)).find((candidate) => candidate.token === token);
  if (!entry || (deps.now ?? Date.now)() - entry.at >= HANDOFF_LIFETIME_MS) return null;
  const selection = v.safeParse(BulkSelectionSchema, (await deps.storage.get(key))[key]);
  return selection.success ? selection.output : null;
}
