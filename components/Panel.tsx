import { useEffect, useId, useReducer, useRef, useState } from 'preact/hooks';
import { type RecordPage, recordKey } from '@/utils/crm-page';
import type { ErrorInfo } from '@/utils/messaging';
import { errorSentence } from '@/utils/panel/format';
import { type PanelApi, PanelController, type PanelTiming } from '@/utils/panel/panel-controller';
import type { PanelState } from '@/utils/panel/panel-state';
import { describeError, type ErrorAction } from '@/utils/zoho-errors';
import { ErrorNotice, OpenOptionsContext } from './ErrorNotice';
import { TerritoryRow } from './TerritoryRow';
import { UndoItem } from './UndoItem';

export interface PanelProps {
  page: RecordPage;
  api: PanelApi;
  initialCollapsed?: boolean;
  /** BCP 47 locale for dates; the browser's own when left out */
  locale?: string;
  timing?: PanelTiming;
}

/** The buttons a list-level error offers: a failed load can always be retried. */
function listActions(error: ErrorInfo): ErrorAction[] {
  const action = describeError(error).action;
  if (action === 'open-options') return ['open-options', 'retry'];
  if (action === 'none' || action === 'refresh') return ['retry'];
  return [action];
}

interface ContentProps {
  state: PanelState;
  controller: PanelController;
  page: RecordPage;
  locale: string | undefined;
  optionsUrl: string;
}

function ListError({ state, controller, page, optionsUrl, error }: ContentProps & { error: ErrorInfo }) {
  // A failed sign-in replaces the error that asked for it.
  const shown = state.signIn.error ?? error;
  return (
    <ErrorNotice
      error={shown}
      module={page.module}
      actions={listActions(shown)}
      optionsUrl={optionsUrl}
      busy={state.signIn.busy}
      onAction={(action) => controller.listAction(action)}
    />
  );
}

function SignedOut({ state, controller, page, optionsUrl, reason }: ContentProps & { reason: ErrorInfo }) {
  const { busy, error } = state.signIn;
  return (
    <div class="tp-message">
      <p>
        {reason.code === 'NOT_SIGNED_IN'
          ? 'Sign in to Zoho CRM to see and change the territories of this record.'
          : errorSentence(reason, page.module)}
      </p>
      <button
        type="button"
        class="tp-button tp-primary"
        aria-disabled={busy ? 'true' : undefined}
        aria-busy={busy ? 'true' : undefined}
        onClick={() => void controller.signIn()}
      >
        {busy ? 'Signing in…' : 'Sign in to Zoho CRM'}
      </button>
      {error ? (
        <ErrorNotice
          error={error}
          module={page.module}
          actions={describeError(error).action === 'open-options' ? ['open-options'] : []}
          optionsUrl={optionsUrl}
          onAction={() => void controller.signIn()}
        />
      ) : null}
    </div>
  );
}

function Content(props: ContentProps) {
  const { state, controller, page, locale, optionsUrl } = props;
  const { list } = state;
  switch (list.status) {
    case 'loading':
      return (
        <p class="tp-muted" role="status">
          Loading territories…
        </p>
      );
    case 'signed-out':
      return <SignedOut {...props} reason={list.reason} />;
    case 'not-enabled':
      return <p class="tp-message">Territories are not enabled for {page.module} in this organization.</p>;
    case 'failed':
      return <ListError {...props} error={list.error} />;
    case 'loaded':
      return (
        <>
          {state.listError ? <ListError {...props} error={state.listError} /> : null}
          {state.refreshing ? <p class="tp-muted">Refreshing…</p> : null}
          {list.territories.length === 0 ? (
            <p class="tp-message">No territories on this record</p>
          ) : (
            <ul class="tp-list">
              {list.territories.map((territory) => (
                <TerritoryRow
                  key={territory.id}
                  territory={territory}
                  activity={state.rows[territory.id]}
                  scheduledByZoho={list.scheduled.includes(territory.id)}
                  module={page.module}
                  locale={locale}
                  optionsUrl={optionsUrl}
                  onRemove={(id) => controller.remove(id)}
                  onErrorAction={(id) => controller.rowAction(id)}
                />
              ))}
            </ul>
          )}
          {state.undo.length > 0 ? (
            <ul class="tp-undo-list" aria-label="Recently removed">
              {state.undo.map((offer) => (
                <UndoItem
                  key={offer.territory.id}
                  offer={offer}
                  module={page.module}
                  optionsUrl={optionsUrl}
                  onUndo={(id) => controller.undo(id)}
                  onErrorAction={(id) => controller.undoAction(id)}
                  onDismiss={(id) => controller.dismissUndo(id)}
                  onHold={(id) => controller.holdUndo(id)}
                  onRelease={(id) => controller.releaseUndo(id)}
                />
              ))}
            </ul>
          ) : null}
        </>
      );
  }
}

function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode();
  return root instanceof Document || root instanceof ShadowRoot ? root.activeElement : null;
}

/** The territory panel for one record page; a new page starts afresh and drops late answers for the old one. */
export function Panel({ page, api, initialCollapsed = false, locale, timing }: PanelProps) {
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  // Nothing is read from Zoho until the panel has been open once: a collapsed tab costs no API credits.
  const [opened, setOpened] = useState(!initialCollapsed);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const bodyId = useId();

  const controllerRef = useRef<PanelController | null>(null);
  if (!controllerRef.current || recordKey(controllerRef.current.page) !== recordKey(page)) {
    controllerRef.current = new PanelController({ api, page, timing, onChange: () => rerender(undefined) });
  }
  const controller = controllerRef.current;

  useEffect(() => {
    if (!opened) return;
    controller.start();
    return () => controller.dispose();
  }, [controller, opened]);

  const asideRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const expandRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);
  const focusInside = useRef(false);
  const focusAfterToggle = useRef<'expand' | 'collapse' | null>(null);

  useEffect(() => {
    const aside = asideRef.current;
    if (!aside) return;
    const onFocusIn = () => {
      focusInside.current = true;
    };
    const onFocusOut = (event: FocusEvent) => {
      focusInside.current = event.relatedTarget instanceof Node && aside.contains(event.relatedTarget);
    };
    aside.addEventListener('focusin', onFocusIn);
    aside.addEventListener('focusout', onFocusOut);
    return () => {
      aside.removeEventListener('focusin', onFocusIn);
      aside.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  // Keep keyboard users in place when the element they were on goes away (a removed row, an
  // expired Undo, the other half of the collapse toggle).
  useEffect(() => {
    const aside = asideRef.current;
    const toggled = focusAfterToggle.current;
    focusAfterToggle.current = null;
    if (toggled) {
      (toggled === 'expand' ? expandRef : collapseRef).current?.focus();
      return;
    }
    if (!aside || !focusInside.current) return;
    const active = activeElementOf(aside);
    if (active && aside.contains(active)) return;
    const undoButtons = aside.querySelectorAll<HTMLElement>('[data-undo-button]');
    const target = collapsed ? expandRef.current : (undoButtons[undoButtons.length - 1] ?? headingRef.current);
    target?.focus();
  });

  const toggle = (nextCollapsed: boolean) => {
    setCollapsed(nextCollapsed);
    if (!nextCollapsed) setOpened(true);
    focusAfterToggle.current = nextCollapsed ? 'expand' : 'collapse';
    api.saveCollapsed(nextCollapsed);
  };

  const { state } = controller;
  const listBusy = state.list.status === 'loading' || state.refreshing;
  return (
    <OpenOptionsContext.Provider value={api.openOptions ?? null}>
      <aside ref={asideRef} class={collapsed ? 'tp-panel tp-collapsed' : 'tp-panel'} aria-label="Territories">
        {collapsed ? (
          <button
            ref={expandRef}
            type="button"
            class="tp-tab"
            aria-expanded="false"
            aria-controls={bodyId}
            aria-label="Expand territory panel"
            onClick={() => toggle(false)}
          >
            <span class="tp-tab-icon" aria-hidden="true">
              ‹
            </span>
            <span class="tp-tab-label">Territory panel</span>
          </button>
        ) : null}
        <div id={bodyId} class="tp-body" hidden={collapsed}>
          <header class="tp-header">
            <h2 ref={headingRef} class="tp-title" tabIndex={-1}>
              Territories
            </h2>
            <button
              type="button"
              class="tp-button tp-quiet"
              aria-disabled={listBusy ? 'true' : undefined}
              aria-busy={state.refreshing ? 'true' : undefined}
              onClick={() => controller.refresh()}
            >
              Refresh
            </button>
            <button
              ref={collapseRef}
              type="button"
              class="tp-button tp-quiet tp-icon"
              aria-expanded="true"
              aria-controls={bodyId}
              aria-label="Collapse territory panel"
              onClick={() => toggle(true)}
            >
              <span aria-hidden="true">›</span>
            </button>
          </header>
          <div class="tp-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {state.announcement ? <span key={state.announcement.seq}>{state.announcement.text}</span> : null}
          </div>
          <div class="tp-content">
            <Content state={state} controller={controller} page={page} locale={locale} optionsUrl={api.optionsUrl} />
          </div>
          {api.openBulkPage ? (
            <footer class="tp-footer">
              <button type="button" class="tp-button tp-quiet tp-link" onClick={() => api.openBulkPage?.(page)}>
                Bulk removal…
              </button>
            </footer>
          ) : null}
        </div>
      </aside>
    </OpenOptionsContext.Provider>
  );
}
