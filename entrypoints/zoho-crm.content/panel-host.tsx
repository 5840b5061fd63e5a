import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Panel } from '@/components/Panel';
import { isSameRecordPage, type RecordPage } from '@/utils/crm-page';
import type { PanelApi } from '@/utils/panel/panel-controller';
import { isCollapsed, PANEL_COLLAPSED_KEY } from '@/utils/panel/preferences';
import { createPanelApi } from './panel-api';
import { OVERLAY_Z_INDEX, refuseSyntheticInput } from './shadow-ui';

export interface PanelHost {
  /** The record page this frame shows, or null. */
  readonly page: RecordPage | null;
  /** Show the panel for this page, switch it to another record, or take it away (null). */
  show(page: RecordPage | null): void;
}

/** Mounts the panel in a shadow root; nothing is created, read or fetched until a record page appears. */
export function createPanelHost(ctx: ContentScriptContext): PanelHost {
  let current: RecordPage | null = null;
  let mounted = false;
  let startCollapsed = false;
  let ui: Promise<ShadowRootContentScriptUi<HTMLElement>> | null = null;
  let api: PanelApi | null = null;

  const renderPanel = (container: HTMLElement) => {
    if (!current || !api) return;
    render(<Panel page={current} api={api} initialCollapsed={startCollapsed} />, container);
  };

  const createUi = async () => {
    const realApi = createPanelApi();
    api = {
      ...realApi,
      saveCollapsed: (collapsed) => {
        startCollapsed = collapsed;
        realApi.saveCollapsed(collapsed);
      },
    };
    startCollapsed = isCollapsed(await browser.storage.local.get(PANEL_COLLAPSED_KEY));
    return createShadowRootUi<HTMLElement>(ctx, {
      name: 'territory-panel',
      position: 'overlay',
      alignment: 'top-right',
      zIndex: OVERLAY_Z_INDEX,
      isolateEvents: true,
      onMount: (container, shadow) => {
        refuseSyntheticInput(shadow);
        renderPanel(container);
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
  };

  const sync = async () => {
    ui ??= createUi();
    const instance = await ui;
    if (ctx.isInvalid) return;
    if (current && !mounted) {
      instance.mount();
      mounted = true;
    } else if (current && mounted) {
      renderPanel(instance.uiContainer);
    } else if (!current && mounted) {
      instance.remove();
      mounted = false;
    }
  };

  return {
    get page() {
      return current;
    },
    show(page) {
      if (page === current || (page && current && isSameRecordPage(page, current))) return;
      current = page;
      if (!page && !ui) return;
      sync().catch((error: unknown) => {
        console.warn('Territory Panel could not show its panel', error);
      });
    },
  };
}
