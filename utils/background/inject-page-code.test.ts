import { describe, expect, it, vi } from 'vitest';
import { createPageCodeInjector, PAGE_CODE_FILES } from './inject-page-code';

const sender = { id: 'ext', url: 'https://crm.zoho.eu/crm/org1/tab/Home/begin', tab: { id: 4 }, frameId: 2 };

describe('createPageCodeInjector', () => {
  it('injects the panel into the very document that asked (Chrome names it)', async () => {
    const executeScript = vi.fn(async () => []);
    const inject = createPageCodeInjector({ scripting: { executeScript } });
    expect(await inject({ ...sender, documentId: 'DOC1' }, 'panel')).toEqual({ ok: true, value: null });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 4, documentIds: ['DOC1'] },
      files: ['content-scripts/zoho-crm.js'],
    });
  });

  it('injects into the frame that asked where documents have no id', async () => {
    const executeScript = vi.fn(async () => []);
    await createPageCodeInjector({ scripting: { executeScript } })(sender, 'selection');
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 4, frameIds: [2] },
      files: ['content-scripts/zoho-crm-list.js'],
    });
  });

  it('uses tabs.executeScript in Firefox (MV2)', async () => {
    const executeScript = vi.fn(async () => []);
    await createPageCodeInjector({ tabs: { executeScript } })(sender, 'panel');
    expect(executeScript).toHaveBeenCalledExactlyOnceWith(4, { file: `/${PAGE_CODE_FILES.panel}`, frameId: 2 });
  });

  it('refuses a sender without a tab, and reports a frame that went away', async () => {
    const executeScript = vi.fn(async () => {
      throw new Error('Frame with ID 2 was removed.');
    });
    const inject = createPageCodeInjector({ scripting: { executeScript } });
    expect(await inject({ ...sender, tab: undefined }, 'panel')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(await inject(sender, 'panel')).toEqual({
      ok: false,
      error: { code: 'PANEL_NOT_LOADED', message: 'Frame with ID 2 was removed.' },
    });
  });
});
