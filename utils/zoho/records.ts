// The records of a module that hold a territory: Zoho's records listing narrowed by `territory_id`
// (GET /{module}?fields=…&territory_id=…&include_child=false). Pages of 200; past 2,000 records
// page numbers stop working and `info.next_page_token` leads on.
import * as v from 'valibot';
import type { TerritoryModule } from '../crm-page';
import type { ZohoClient } from './client';
import { invalidResponse } from './errors';
import { errorOfAnswer, invalidShape } from './territories';

export const LIST_PER_PAGE = 200;
/** page × per_page may not pass this; beyond it only `page_token` reaches further records. */
export const DISCRETE_PAGINATION_LIMIT = 2000;

const ListPageSchema = v.object({
  data: v.array(v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,30}$/)) })),
  info: v.object({
    more_records: v.boolean(),
    next_page_token: v.optional(v.nullable(v.string()), null),
  }),
});

export interface RecordIdList {
  /** unique, in Zoho's order, at most `max` */
  recordIds: string[];
  /** Zoho lists more records than `max` */
  truncated: boolean;
}

export async function listRecordIdsInTerritory(
  client: ZohoClient,
  module: TerritoryModule,
  territoryId: string,
  max: number,
): Promise<RecordIdList> {
  const ids = new Set<string>();
  let page = 1;
  let pageToken: string | null = null;
  for (;;) {
    // `Territories` is a field of every module that has territories; the listing needs some field.
    const query: Record<string, string> = {
      fields: 'Territories',
      territory_id: territoryId,
      include_child: 'false',
      per_page: String(LIST_PER_PAGE),
    };
    if (pageToken) query.page_token = pageToken;
    else query.page = String(page);
    const response = await client.read(`/${module}`, query);
    if (response.status === 204 || response.body === undefined) break;
    if (response.status !== 200) throw errorOfAnswer(response);
    const parsed = v.safeParse(ListPageSchema, response.body);
    if (!parsed.success) throw invalidShape(response, parsed.issues);

    const before = ids.size;
    for (const record of parsed.output.data) ids.add(record.id);
    if (ids.size > max) return { recordIds: [...ids].slice(0, max), truncated: true };
    if (!parsed.output.info.more_records) break;
    if (ids.size === max) return { recordIds: [...ids], truncated: true };
    if (ids.size === before) throw invalidResponse(response.status, 'a page of the listing brought no new record');

    pageToken = parsed.output.info.next_page_token;
    page++;
    if (!pageToken && page * LIST_PER_PAGE > DISCRETE_PAGINATION_LIMIT) {
      throw invalidResponse(response.status, `more than ${DISCRETE_PAGINATION_LIMIT} records and no next_page_token`);
    }
  }
  return { recordIds: [...ids], truncated: false };
}
