// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInEnglish as render } from '@/components/test-i18n';
import type { RecordPage } from '@/utils/crm-page';
import type { Result } from '@/utils/messaging';
import type { PageRoom } from '@/utils/panel/page-room';
import type { PanelApi } from '@/utils/panel/panel-controller';
import { DEFAULT_PLACEMENT } from '@/utils/panel/placement';
import { PanelDock } from './PanelDock';

const page: RecordPage = { dataCentre: 'eu', sandbox: false, orgId: '1', module: 'Deals', recordId: '7' };

const api: PanelApi = {
  territories: async () => ({
    ok: true,
    value: { enabled: true, territories: [], scheduled: [], lockedForMe: false, editable: true },
  }),
  remove: async () => ({ ok: true, value: { outcome: 'done' } }),
  assign: async () => ({ ok: true, value: { outcome: 'done' } }),
  signIn: async () => ({ ok: false, error: { code: 'NOT_SIGNED_IN' } }),
  optionsUrl: 'chrome-extension://id/options.html',
};

const room: PageRoom = {
  reserve: () => undefined,
  release: () => undefined,
  measure: () => ({ top: 0, bottom: 800 }),
  band: () => ({ top: 0, bottom: 800 }),
  onChange: () => () => undefined,
};

function dock(moveToSidePanel: () => Promise<Result<null>>) {
  return render(
    <PanelDock
      page={page}
      api={api}
      room={room}
      initialPlacement={DEFAULT_PLACEMENT}
      initialCollapsed={false}
      savePlacement={() => undefined}
      saveCollapsed={() => undefined}
      moveToSidePanel={moveToSidePanel}
      browserPanel="sidebar"
    />,
  );
}

afterEach(cleanup);

describe('PanelDock: moving to the browser’s side panel', () => {
  it('asks once however often it is clicked while the answer is outstanding', async () => {
    let answer: (result: Result<null>) => void = () => undefined;
    const move = vi.fn(() => new Promise<Result<null>>((resolve) => (answer = resolve)));
    dock(move);
    const button = screen.getByRole('button', { name: "Move to the browser's sidebar" });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(move).toHaveBeenCalledOnce();
    await act(async () => answer({ ok: true, value: null }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what to do when the browser will not open its panel from a page, and lets that be dismissed', async () => {
    dock(async () => ({ ok: false, error: { code: 'SIDE_PANEL_NOT_OPENED' } }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: "Move to the browser's sidebar" }));
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('click Territory Panel in the toolbar');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
