// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBulkPageApi, downloadText } from './bulk-api';

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('createBulkPageApi', () => {
  it('sends bulk requests to the background and passes its answer on', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, value: { jobId: 'job-1' } } as never);
    const api = createBulkPageApi();
    expect(await api.retryFailed('job-0')).toEqual({ ok: true, value: { jobId: 'job-1' } });
    expect(send).toHaveBeenCalledWith({ type: 'bulk.retryFailed', jobId: 'job-0' });
  });

  it('answers EXTENSION_RESTARTED when the background cannot be reached', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    expect(await createBulkPageApi().jobs()).toEqual({
      ok: false,
      error: { code: 'EXTENSION_RESTARTED', message: 'Receiving end does not exist.' },
    });
  });
});

describe('downloadText', () => {
  it('downloads the text as a UTF-8 CSV file under the name given', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:bulk/1';
    });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    downloadText('outcomes.csv', 'Record Id\r\n1\r\n');
    expect(clicked.map((link) => [link.download, link.href])).toEqual([['outcomes.csv', 'blob:bulk/1']]);
    expect(created[0]?.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await (created[0] as Blob).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('Record Id\r\n1\r\n');
  });
});
