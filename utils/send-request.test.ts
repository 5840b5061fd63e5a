import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Request } from './messaging';
import { sendRequest } from './send-request';

const request: Request = { type: 'auth.connections' };

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('sendRequest', () => {
  it('passes the request to the background and returns its answer', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      received.push(message);
      sendResponse({ ok: true, value: [] });
      return true;
    });
    await expect(sendRequest(request)).resolves.toEqual({ ok: true, value: [] });
    expect(received).toEqual([request]);
  });

  it('passes errors of the background through unchanged', async () => {
    fakeBrowser.runtime.onMessage.addListener((_message, _sender, sendResponse) => {
      sendResponse({ ok: false, error: { code: 'INVALID_TOKEN', status: 401 } });
      return true;
    });
    await expect(sendRequest(request)).resolves.toEqual({ ok: false, error: { code: 'INVALID_TOKEN', status: 401 } });
  });

  it.each([
    'Extension context invalidated.',
    'Could not establish connection. Receiving end does not exist.',
    'The message port closed before a response was received.',
  ])('turns the transport failure “%s” into EXTENSION_RESTARTED', async (message) => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(new Error(message));
    await expect(sendRequest(request)).resolves.toEqual({ ok: false, error: { code: 'EXTENSION_RESTARTED', message } });
  });

  it('turns a synchronous throw (orphaned content script) into EXTENSION_RESTARTED', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    const result = await sendRequest(request);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('EXTENSION_RESTARTED');
  });

  it.each([undefined, null, 'yes', { ok: false }, { ok: false, error: {} }, { ok: true }])(
    'treats the non-answer %j as EXTENSION_RESTARTED',
    async (answer) => {
      vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(answer as never);
      const result = await sendRequest(request);
      expect(!result.ok && result.error.code).toBe('EXTENSION_RESTARTED');
    },
  );
});
