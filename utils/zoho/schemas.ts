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

export const TerritoryAssignmentSchema = v.object({
  id: Id,
  Name: v.string(),
  $assigned_by: v.optional(v.nullable(NamedRef), null),
  $assigned_time: v.optional(v.nullable(v.string()), null),
  $assigned: v.picklist(['manually', 'automatically']),
});

/**
 * A record as far as territories go. The key is absent when territory management is off.
 * `$locked_for_me` and `$editable` are seen in captures of real answers, not documented
 * (zoho-crm.md §9): absent or not a boolean, they say nothing, so the record is neither locked
 * nor read-only for that reason.
 */
export const TerritoryRecordSchema = v.object({
  id: Id,
  Territories: v.optional(v.nullable(v.array(TerritoryAssignmentSchema))),
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
  api_name: v.optional(v.nullable(v.string()), null),
  description: v.optional(v.nullable(v.string()), null),
  // The spec gives the manager a nullable id; only the name is shown, and a manager that does not
  // parse must not cost the bulk page its territory list.
  manager: v.fallback(
    v.optional(v.nullable(v.object({ name: v.string(), id: v.optional(v.nullable(Id), null) })), null),
    null,
  ),
  reporting_to: v.optional(v.nullable(NamedRef), null),
  permission_type: v.optional(v.nullable(v.string()), null),
});

/** GET /settings/territories?page=&per_page= */
export const TerritoriesPageSchema = v.object({
  territories: v.array(TerritoryDefinitionSchema),
  info: v.object({
    per_page: v.number(),
    count: v.number(),
    page: v.number(),
    more_records: v.boolean(),
  }),
});

export type TopLevelError = v.InferOutput<typeof TopLevelErrorSchema>;
export type ActionEntry = v.InferOutput<typeof ActionEntrySchema>;
export type ActionErrorEntry = v.InferOutput<typeof ActionErrorEntrySchema>;
export type ActionSuccessEntry = v.InferOutput<typeof ActionSuccessEntrySchema>;
export type TerritoryRecord = v.InferOutput<typeof TerritoryRecordSchema>;
export type NamedTerritoryRecord = v.InferOutput<typeof NamedTerritoryRecordSchema>;
export type TerritoryDefinition = v.InferOutput<typeof TerritoryDefinitionSchema>;
