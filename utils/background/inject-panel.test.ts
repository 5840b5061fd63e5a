import { describe, expect, it, vi } from 'vitest';
import { createPanelInjector, PANEL_SCRIPT } from './inject-panel';

const sender = { id: 'ext', url: 'https://crm.zoho.eu/crm/org1/tab/Home/begin', tab: { id: 4 }, frameId: 2 };

describe('createPanelInjector', () => {
  it('injects the panel into the very document that asked (Chrome names it)', async () => {
    const executeScript = vi.fn(async () => []);
    const inject = createPanelInjector({ scripting: { executeScript } });
    expect(await inject({ ...sender, documentId: 'DOC1' })).toEqual({ ok: true, value: null });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 4, documentIds: ['DOC1'] },
      files: [PANEL_SCRIPT],
    });
  });

  it('injects into the frame that asked where documents have no id', async () => {
    const executeScript = vi.fn(async () => []);
    await createPanelInjector({ scripting: { executeScript } })(sender);
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 4, frameIds: [2] },
      files: [PANEL_SCRIPT],
    });
  });

  it('uses tabs.executeScript in Firefox (MV2)', async () => {
    const executeScript = vi.fn(async () => []);
    await createPanelInjector({ tabs: { executeScript } })(sender);
    expect(executeScript).toHaveBeenCalledExactlyOnceWith(4, { file: `/${PANEL_SCRIPT}`, frameId: 2 });
  });

  it('refuses a sender without a tab, and reports a frame that went away', async () => {
    const executeScript = vi.fn(async () => {
      throw new Error('Frame with ID 2 was removed.');
    });
    const inject = createPanelInjector({ scripting: { executeScript } });
    expect(await inject({ ...sender, tab: undefined })).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await inject(sender)).toEqual({
      ok: false,
      error: { code: 'PANEL_NOT_LOADED', message: 'Frame with ID 2 was removed.' },
    });
  });
});
