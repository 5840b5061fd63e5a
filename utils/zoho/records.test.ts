import { describe, expect, it } from 'vitest';
import type { ZohoClient, ZohoResponse } from './client';
import { ZohoApiError } from './errors';
import { DISCRETE_PAGINATION_LIMIT, LIST_PER_PAGE, listRecordIdsInTerritory } from './records';

const TERRITORY = '407625000000236061';

function ids(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(407625000090000000n + BigInt(from + i)));
}

/** A Zoho listing of `total` records in pages of 200, by page number up to 2,000 and by token beyond. */
function listingClient(total: number, options: { tokens?: boolean } = {}) {
  const all = ids(1, total);
  const queries: Record<string, string>[] = [];
  const client: ZohoClient = {
    async read(path, query = {}) {
      expect(path).toBe('/Accounts');
      queries.push({ ...query });
      const perPage = Number(query.per_page);
      const offset = query.page_token
        ? Number(query.page_token.replace('offset-', ''))
        : (Number(query.page) - 1) * perPage;
      const slice = all.slice(offset, offset + perPage);
      if (slice.length === 0) return { status: 204, body: undefined };
      const more = offset + perPage < all.length;
      const info: Record<string, unknown> = { per_page: perPage, count: slice.length, more_records: more };
      if (options.tokens !== false) info.next_page_token = more ? `offset-${offset + perPage}` : null;
      return { status: 200, body: { data: slice.map((id) => ({ id, Territories: [] })), info } };
    },
    write: () => Promise.reject(new Error('no writes here')),
  };
  return { client, queries, all };
}

describe('listRecordIdsInTerritory', () => {
  it('asks for the territory alone, 200 a page, and follows next_page_token', async () => {
    const { client, queries, all } = listingClient(450);
    const listed = await listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 25_000);
    expect(listed).toEqual({ recordIds: all, truncated: false });
    expect(queries).toEqual([
      { fields: 'Territories', territory_id: TERRITORY, include_child: 'false', per_page: '200', page: '1' },
      {
        fields: 'Territories',
        territory_id: TERRITORY,
        include_child: 'false',
        per_page: '200',
        page_token: 'offset-200',
      },
      {
        fields: 'Territories',
        territory_id: TERRITORY,
        include_child: 'false',
        per_page: '200',
        page_token: 'offset-400',
      },
    ]);
  });

  it('uses page numbers when Zoho sends no token', async () => {
    const { client, queries, all } = listingClient(401, { tokens: false });
    expect(await listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 25_000)).toEqual({
      recordIds: all,
      truncated: false,
    });
    expect(queries.map((q) => q.page)).toEqual(['1', '2', '3']);
  });

  it('stops at the cap and says more records exist', async () => {
    const { client, queries, all } = listingClient(1_000);
    expect(await listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 300)).toEqual({
      recordIds: all.slice(0, 300),
      truncated: true,
    });
    expect(queries).toHaveLength(2);
    expect(await listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 400)).toEqual({
      recordIds: all.slice(0, 400),
      truncated: true,
    });
    expect(await listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 1_000)).toEqual({
      recordIds: all,
      truncated: false,
    });
  });

  it('an empty territory is an empty list (204)', async () => {
    const { client } = listingClient(0);
    expect(await listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 10)).toEqual({
      recordIds: [],
      truncated: false,
    });
  });

  it('fails rather than loop when pages stop leading anywhere', async () => {
    const { client } = listingClient(DISCRETE_PAGINATION_LIMIT + LIST_PER_PAGE, { tokens: false });
    await expect(listRecordIdsInTerritory(client, 'Accounts', TERRITORY, 25_000)).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
    const samePage: ZohoClient = {
      read: async () => ({
        status: 200,
        body: { data: [{ id: '1' }], info: { more_records: true, next_page_token: 't' } },
      }),
      write: () => Promise.reject(new Error('no writes here')),
    };
    await expect(listRecordIdsInTerritory(samePage, 'Accounts', TERRITORY, 25_000)).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
  });

  it("passes Zoho's error on", async () => {
    const answer: ZohoResponse = {
      status: 403,
      body: { code: 'TERRITORY_NOT_ENABLED', status: 'error', message: 'not enabled', details: {} },
    };
    const client: ZohoClient = { read: async () => answer, write: () => Promise.reject(new Error('no')) };
    const error = await listRecordIdsInTerritory(client, 'Leads', TERRITORY, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoApiError);
    expect(error).toMatchObject({ code: 'TERRITORY_NOT_ENABLED', status: 403 });
  });
});
