import { describe, expect, it, vi } from 'vitest';
import { PANEL_HOME_KEY } from '../panel/preferences';
import type { StorageArea } from '../zoho/storage-area';
import { createSidePanelHome } from './side-panel';

function memoryStorage(initial: Record<string, unknown> = {}): StorageArea & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (keys) =>
      Object.fromEntries(
        [keys]
          .flat()
          .filter((key) => key in items)
          .map((key) => [key, items[key]]),
      ),
    set: async (values) => {
      Object.assign(items, values);
    },
    remove: async (keys) => {
      for (const key of [keys].flat()) delete items[key];
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSidePanelHome', () => {
  it('opens Chrome’s side panel for the tab before awaiting anything, then keeps it as the home', async () => {
    const local = memoryStorage();
    const open = vi.fn(async () => undefined);
    const home = createSidePanelHome({ sidePanel: { open }, local });
    const opening = home.open(7);
    // The user's gesture is only good until the first await.
    expect(open).toHaveBeenCalledExactlyOnceWith({ tabId: 7 });
    expect(await opening).toEqual({ ok: true, value: null });
    expect(local.items[PANEL_HOME_KEY]).toBe('side-panel');
    expect(home.current()).toBe('side-panel');
  });

  it('opens Firefox’s sidebar where there is no sidePanel', async () => {
    const local = memoryStorage();
    const open = vi.fn(async () => undefined);
    const home = createSidePanelHome({ sidebarAction: { open }, local });
    expect(await home.open(7)).toEqual({ ok: true, value: null });
    expect(open).toHaveBeenCalledOnce();
  });

  it('keeps the panel in the page when the browser refuses to open its panel', async () => {
    const local = memoryStorage();
    const open = vi.fn(async () => {
      throw new Error('sidebarAction.open may only be called from a user input handler');
    });
    const home = createSidePanelHome({ sidebarAction: { open }, local });
    expect(await home.open(7)).toEqual({
      ok: false,
      error: {
        code: 'SIDE_PANEL_NOT_OPENED',
        message: 'sidebarAction.open may only be called from a user input handler',
      },
    });
    expect(local.items[PANEL_HOME_KEY]).toBeUndefined();
    expect(home.current()).toBe('page');
  });

  it('says so where the browser has no side panel at all', async () => {
    const home = createSidePanelHome({ local: memoryStorage() });
    expect(await home.open(7)).toMatchObject({ ok: false, error: { code: 'SIDE_PANEL_NOT_OPENED' } });
  });

  it('reads the stored home and follows changes made elsewhere (the options page)', async () => {
    let listener: ((changes: Record<string, { newValue?: unknown }>, area: string) => void) | undefined;
    const home = createSidePanelHome({
      local: memoryStorage({ [PANEL_HOME_KEY]: 'side-panel' }),
      onStorageChanged: { addListener: (added) => (listener = added) },
    });
    expect(home.current()).toBe('page');
    await settle();
    expect(home.current()).toBe('side-panel');
    listener?.({ [PANEL_HOME_KEY]: { newValue: 'page' } }, 'local');
    expect(home.current()).toBe('page');
    listener?.({ [PANEL_HOME_KEY]: { newValue: 'side-panel' } }, 'session');
    expect(home.current()).toBe('page');
  });
});
