import { describe, expect, it, vi } from 'vitest';
import { commandHandler, FOCUS_PANEL_COMMAND } from './commands';

describe('commandHandler', () => {
  it('asks the tab the shortcut was pressed in to focus its panel', () => {
    const sendMessage = vi.fn(async () => undefined);
    commandHandler({ sendMessage })(FOCUS_PANEL_COMMAND, { id: 7 });
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith(7, { type: 'panel.focus' });
  });

  it('ignores other commands and a command without a tab', () => {
    const sendMessage = vi.fn(async () => undefined);
    const handle = commandHandler({ sendMessage });
    handle('something-else', { id: 7 });
    handle(FOCUS_PANEL_COMMAND, undefined);
    handle(FOCUS_PANEL_COMMAND, {});
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('stays quiet when no content script answers', async () => {
    const sendMessage = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(() => commandHandler({ sendMessage })(FOCUS_PANEL_COMMAND, { id: 3 })).not.toThrow();
    await Promise.resolve();
  });
});

describe('commandHandler with the side panel as the panel’s home', () => {
  it('opens the side panel of the tab’s window instead of asking the page', () => {
    const sendMessage = vi.fn(async () => undefined);
    const open = vi.fn(async () => ({ ok: true as const, value: null }));
    commandHandler({ sendMessage }, { current: () => 'side-panel', open })(FOCUS_PANEL_COMMAND, { id: 7 });
    expect(open).toHaveBeenCalledExactlyOnceWith(7);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('asks the page while the panel lives there', () => {
    const sendMessage = vi.fn(async () => undefined);
    const open = vi.fn(async () => ({ ok: true as const, value: null }));
    commandHandler({ sendMessage }, { current: () => 'page', open })(FOCUS_PANEL_COMMAND, { id: 7 });
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith(7, { type: 'panel.focus' });
    expect(open).not.toHaveBeenCalled();
  });
});
