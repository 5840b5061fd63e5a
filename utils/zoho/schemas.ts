// Shapes of Zoho CRM v8 answers (../shared/reference/zoho-crm.md §1–3). Objects are loose: Zoho
// adds keys freely, and only the keys read here are checked.
import * as v from 'valibot';

const Id = v.pipe(v.string(), v.regex(/^\d{1,30}$/));
const Details = v.record(v.string(), v.unknown());
const NamedRef = v.object({ id: Id, name: v.string() });

/** `{"status":"error","code":…}` alone at the top level: auth and request errors. */
export const TopLevelErrorSchema = v.object({
  code: v.string(),
  message: v.optional(v.string()),
  status: v.optional(v.literal('error')),
  details: v.optional(v.nullable(Details)),
});

export const ActionErrorEntrySchema = v.object({
  status: v.literal('error'),
  code: v.string(),
  message: v.optional(v.string()),
  details: v.optional(v.nullable(Details)),
});

export const ActionSuccessEntrySchema = v.variant('code', [
  v.object({
    status: v.literal('success'),
    code: v.literal('SUCCESS'),
    message: v.optional(v.string()),
    // Some versions report a scheduled job with code SUCCESS plus a job_id.
    details: v.optional(v.object({ id: v.optional(Id), job_id: v.optional(Id) })),
  }),
  v.object({
    status: v.literal('success'),
    code: v.literal('SCHEDULED'),
    message: v.optional(v.string()),
    details: v.object({ id: v.optional(Id), job_id: Id }),
  }),
]);

export const ActionEntrySchema = v.variant('status', [ActionSuccessEntrySchema, ActionErrorEntrySchema]);

/** remove_territories / assign_territories answer; 207 mixes success and error entries. */
export const ActionResponseSchema = v.object({
  data: v.pipe(v.array(ActionEntrySchema), v.minLength(1)),
});

// `Minified_User.id` is nullable in Zoho's spec (zoho/crm-oas v8.0, users.json); only the name is shown.
const UserRef = v.object({ name: v.string(), id: v.optional(v.nullable(Id), null) });

/** The name shown for a territory whose entry or definition could not be read. */
export function unreadableTerritoryName(id: string): string {
  return `Territory ${id} (unreadable)`;
}

/**
 * A territory entry as Zoho documents it. The spec requires no key of a record's `Territory` and allows
 * any string in `$assigned`, so entries are read one by one (readTerritoryEntry): one odd entry costs only
 * itself. A by-user or time that does not parse is dropped, not the entry: they are only shown.
 */
export const TerritoryAssignmentSchema = v.object({
  id: Id,
  Name: v.string(),
  $assigned_by: v.fallback(v.optional(v.nullable(UserRef), null), null),
  $assigned_time: v.fallback(v.optional(v.nullable(v.string()), null), null),
  $assigned: v.picklist(['manually', 'automatically']),
});

export type TerritoryEntry =
  | ({ readable: true } & v.InferOutput<typeof TerritoryAssignmentSchema>)
  /** Named by its id alone; whether it may be removed is not known, so it is never offered. */
  | { readable: false; id: string };

const EntryIdSchema = v.object({ id: Id });

/** One entry of a record's `Territories`; null when it has no id to name it by. */
export function readTerritoryEntry(entry: unknown): TerritoryEntry | null {
  const parsed = v.safeParse(TerritoryAssignmentSchema, entry);
  if (parsed.success) return { readable: true, ...parsed.output };
  const named = v.safeParse(EntryIdSchema, entry);
  return named.success ? { readable: false, id: named.output.id } : null;
}

const TerritoryEntriesSchema = v.pipe(
  v.array(v.unknown()),
  v.transform((entries) => entries.map(readTerritoryEntry).filter((entry) => entry !== null)),
);

/**
 * A record as far as territories go. The key is absent when territory management is off.
 * `$locked_for_me` and `$editable` are seen in captures of real answers, not documented
 * (zoho-crm.md §9): absent or not a boolean, they say nothing, so the record is neither locked
 * nor read-only for that reason.
 */
export const TerritoryRecordSchema = v.object({
  id: Id,
  Territories: v.optional(v.nullable(TerritoryEntriesSchema)),
  $locked_for_me: v.fallback(v.optional(v.boolean(), false), false),
  $editable: v.fallback(v.optional(v.boolean(), true), true),
});

/** GET /{module}/{id} */
export const RecordResponseSchema = v.object({
  data: v.pipe(v.array(TerritoryRecordSchema), v.minLength(1)),
});

/** GET /{module}?ids=…&fields=Territories */
export const RecordsByIdsResponseSchema = v.object({
  data: v.array(TerritoryRecordSchema),
});

/** A name field's value; anything but a string says nothing about the name. */
const NameValue = v.fallback(v.optional(v.nullable(v.string()), null), null);

/** A record's territories with the fields that name it (`NAME_FIELDS` in territories.ts). */
export const NamedTerritoryRecordSchema = v.object({
  ...TerritoryRecordSchema.entries,
  Account_Name: NameValue,
  Deal_Name: NameValue,
  Full_Name: NameValue,
  Last_Name: NameValue,
});

/** GET /{module}?ids=…&fields=Territories,<name fields> */
export const NamedRecordsByIdsResponseSchema = v.object({
  data: v.array(NamedTerritoryRecordSchema),
});

export const TerritoryDefinitionSchema = v.object({
  id: Id,
  name: v.string(),
  api_name: v.fallback(v.optional(v.nullable(v.string()), null), null),
  description: v.fallback(v.optional(v.nullable(v.string()), null), null),
  // The spec gives the manager a nullable id; only the name is shown, and a manager that does not
  // parse must not cost the bulk page its territory list.
  manager: v.fallback(v.optional(v.nullable(UserRef), null), null),
  reporting_to: v.fallback(v.optional(v.nullable(NamedRef), null), null),
  permission_type: v.fallback(v.optional(v.nullable(v.string()), null), null),
});

type TerritoryDefinitionOutput = v.InferOutput<typeof TerritoryDefinitionSchema>;

/** A definition that does not parse keeps its id, under a name that says so, and sits at the top. */
function readTerritoryDefinition(entry: unknown): TerritoryDefinitionOutput | null {
  const parsed = v.safeParse(TerritoryDefinitionSchema, entry);
  if (parsed.success) return parsed.output;
  const named = v.safeParse(EntryIdSchema, entry);
  if (!named.success) return null;
  const { id } = named.output;
  const empty = { api_name: null, description: null, manager: null, reporting_to: null, permission_type: null };
  return { id, name: unreadableTerritoryName(id), ...empty };
}

// Every key of `info` is nullable in the spec (territories.json); a page without `more_records` is
// taken as the last one unless it came back full.
const MoreRecordsSchema = v.fallback(
  v.optional(v.nullable(v.object({ more_records: v.optional(v.nullable(v.boolean()), null) })), null),
  null,
);

/** GET /settings/territories?page=&per_page= */
export const TerritoriesPageSchema = v.object({
  territories: v.array(v.unknown()),
  info: MoreRecordsSchema,
});

/** The page's readable definitions, each odd entry on its own, and whether Zoho says more follow. */
export function readTerritoriesPage(
  page: v.InferOutput<typeof TerritoriesPageSchema>,
  perPage: number,
): { territories: TerritoryDefinitionOutput[]; moreRecords: boolean } {
  const territories = page.territories.map(readTerritoryDefinition).filter((entry) => entry !== null);
  const moreRecords = page.info?.more_records ?? page.territories.length >= perPage;
  return { territories, moreRecords };
}

export type TopLevelError = v.InferOutput<typeof TopLevelErrorSchema>;
export type ActionEntry = v.InferOutput<typeof ActionEntrySchema>;
export type ActionErrorEntry = v.InferOutput<typeof ActionErrorEntrySchema>;
export type ActionSuccessEntry = v.InferOutput<typeof ActionSuccessEntrySchema>;
export type TerritoryRecord = v.InferOutput<typeof TerritoryRecordSchema>;
export type NamedTerritoryRecord = v.InferOutput<typeof NamedTerritoryRecordSchema>;
export type TerritoryDefinition = v.InferOutput<typeof TerritoryDefinitionSchema>;
