import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import { type RecordPage, recordKey } from '@/utils/crm-page';
import type { MessageKey } from '@/utils/i18n/catalogue';
import { moduleName } from '@/utils/i18n/names';
import type { ErrorInfo } from '@/utils/messaging';
import { errorSentence } from '@/utils/panel/format';
import type { PanelTheme } from '@/utils/panel/page-theme';
import { type PanelApi, PanelController, type PanelTiming } from '@/utils/panel/panel-controller';
import type { PanelState } from '@/utils/panel/panel-state';
import { describeError, type ErrorAction } from '@/utils/zoho-errors';
import { ErrorNotice, OpenOptionsContext } from './ErrorNotice';
import { useI18n } from './i18n';
import { type RecordRestriction, TerritoryRow } from './TerritoryRow';
import { UndoItem } from './UndoItem';
import { usePanelFocus } from './use-panel-focus';

export interface PanelProps {
  page: RecordPage;
  api: PanelApi;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  /** read nothing until expanded (an org known to have no territories on this module) */
  deferRead?: boolean;
  timing?: PanelTiming;
  theme?: PanelTheme;
  /** bumped to open the panel and put focus on it (the keyboard shortcut) */
  focusRequest?: number;
  /** before the title: the grip that moves the panel, where it lives in the page */
  headerStart?: ComponentChildren;
  /** at the panel's foot: the handle that changes its height */
  foot?: ComponentChildren;
  /** after the header's own buttons: where the panel lives (to the side panel, back to the page) */
  headerEnd?: ComponentChildren;
  /** under the header: a note about the panel itself rather than the record */
  notice?: ComponentChildren;
  /** false where the panel cannot collapse (the side panel: the browser closes it) */
  collapsible?: boolean;
  /** the panel is the whole document (the side panel): its main landmark with a level-one heading */
  standalone?: boolean;
  /** reloads the page behind, so Zoho's own Territories field shows the change */
  onReloadPage?: () => void;
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
  optionsUrl: string;
  expectFocus: ReturnType<typeof usePanelFocus>['expect'];
}

function ListError({ state, controller, page, optionsUrl, error, expectFocus }: ContentProps & { error: ErrorInfo }) {
  // A failed sign-in replaces the error that asked for it.
  const shown = state.signIn.error ?? error;
  return (
    <ErrorNotice
      error={shown}
      module={page.module}
      actions={listActions(shown)}
      optionsUrl={optionsUrl}
      busy={state.signIn.busy}
      onAction={(action) => {
        expectFocus('heading');
        controller.listAction(action);
      }}
    />
  );
}

function SignedOut({ state, controller, page, optionsUrl, reason, expectFocus }: ContentProps & { reason: ErrorInfo }) {
  const translator = useI18n();
  const { t } = translator;
  const { busy, error } = state.signIn;
  const signIn = () => {
    expectFocus('heading');
    void controller.signIn();
  };
  return (
    <div class="tp-message">
      <p>
        {reason.code === 'NOT_SIGNED_IN' ? t('panel.signInPrompt') : errorSentence(reason, page.module, translator)}
      </p>
      <button
        type="button"
        class="tp-button tp-primary"
        data-focus-key="sign-in"
        aria-disabled={busy ? 'true' : undefined}
        aria-busy={busy ? 'true' : undefined}
        onClick={signIn}
      >
        {busy ? t('common.signingIn') : t('panel.signIn')}
      </button>
      {error ? (
        <ErrorNotice
          error={error}
          module={page.module}
          actions={describeError(error).action === 'open-options' ? ['open-options'] : []}
          optionsUrl={optionsUrl}
          onAction={signIn}
        />
      ) : null}
    </div>
  );
}

function restrictionOf(state: PanelState): RecordRestriction {
  if (state.list.status !== 'loaded') return null;
  if (state.list.lockedForMe) return 'locked';
  return state.list.editable ? null : 'read-only';
}

const RESTRICTION_NOTES = {
  locked: 'panel.restrictionLocked',
  'read-only': 'panel.restrictionReadOnly',
} as const satisfies Record<Exclude<RecordRestriction, null>, MessageKey>;

function TerritoryList(props: ContentProps) {
  const { state, controller, page, optionsUrl, expectFocus } = props;
  const { t } = useI18n();
  if (state.list.status !== 'loaded') return null;
  const { territories, scheduled } = state.list;
  const restriction = restrictionOf(state);
  const listed = new Map(territories.map((territory) => [territory.id, territory]));
  const offers = new Map(state.undo.map((offer) => [offer.territory.id, offer]));
  if (territories.length === 0 && offers.size === 0) {
    return <p class="tp-message">{t('panel.empty')}</p>;
  }
  return (
    <>
      {restriction ? <p class="tp-note tp-restriction">{t(RESTRICTION_NOTES[restriction])}</p> : null}
      <ul class="tp-list">
        {state.order.map((id) => {
          const territory = listed.get(id);
          if (territory) {
            return (
              <TerritoryRow
                key={id}
                territory={territory}
                activity={state.rows[id]}
                scheduledByZoho={scheduled.includes(id)}
                restriction={restriction}
                module={page.module}
                optionsUrl={optionsUrl}
                onRemove={(territoryId) => {
                  expectFocus(`undo:${territoryId}`);
                  controller.remove(territoryId);
                }}
                onErrorAction={(territoryId) => {
                  expectFocus(`undo:${territoryId}`);
                  controller.rowAction(territoryId);
                }}
                onDismissError={(territoryId) => {
                  expectFocus(`remove:${territoryId}`);
                  controller.dismissRowError(territoryId);
                }}
              />
            );
          }
          const offer = offers.get(id);
          if (!offer) return null;
          return (
            <UndoItem
              key={id}
              offer={offer}
              module={page.module}
              optionsUrl={optionsUrl}
              onUndo={(territoryId) => {
                expectFocus(`remove:${territoryId}`);
                controller.undo(territoryId);
              }}
              onErrorAction={(territoryId) => {
                expectFocus(`remove:${territoryId}`);
                controller.undoAction(territoryId);
              }}
              onDismiss={(territoryId) => controller.dismissUndo(territoryId)}
              onHold={(territoryId) => controller.holdUndo(territoryId)}
              onRelease={(territoryId) => controller.releaseUndo(territoryId)}
            />
          );
        })}
      </ul>
    </>
  );
}

function Content(props: ContentProps) {
  const { state, page } = props;
  const translator = useI18n();
  const { t } = translator;
  const { list } = state;
  switch (list.status) {
    case 'loading':
      return (
        <p class="tp-muted" role="status">
          {t('panel.loading')}
        </p>
      );
    case 'signed-out':
      return <SignedOut {...props} reason={list.reason} />;
    case 'not-enabled':
      return <p class="tp-message">{t('panel.notEnabled', { module: moduleName(translator, page.module) })}</p>;
    case 'failed':
      return <ListError {...props} error={list.error} />;
    case 'loaded':
      return (
        <>
          {state.listError ? <ListError {...props} error={state.listError} /> : null}
          {state.refreshing ? <p class="tp-muted">{t('panel.refreshing')}</p> : null}
          <TerritoryList {...props} />
        </>
      );
  }
}

function countOf(state: PanelState): number | null {
  return state.list.status === 'loaded' ? state.list.territories.length : null;
}

/** The territory panel for one record page; a new page starts afresh and drops late answers for the old one. */
export function Panel({
  page,
  api,
  collapsed,
  onCollapsedChange,
  deferRead = false,
  timing,
  theme,
  focusRequest = 0,
  headerStart,
  foot,
  headerEnd,
  notice,
  collapsible = true,
  standalone = false,
  onReloadPage,
}: PanelProps) {
  const { t, number, list } = useI18n();
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const bodyId = useId();

  const controllerRef = useRef<PanelController | null>(null);
  if (!controllerRef.current || recordKey(controllerRef.current.page) !== recordKey(page)) {
    controllerRef.current = new PanelController({ api, page, timing, onChange: () => rerender(undefined) });
  }
  const controller = controllerRef.current;
  // An org known to hold no territories here is not asked again until the user opens the panel.
  const reading = !(collapsed && deferRead);

  // Asked in the task that draws the panel, not after its first paint: the rows come a frame sooner.
  useLayoutEffect(() => {
    if (!reading) return;
    controller.start();
    return () => controller.dispose();
  }, [controller, reading]);

  const asideRef = useRef<HTMLElement>(null);
  const focus = usePanelFocus(asideRef, collapsed);

  const toggle = (nextCollapsed: boolean) => {
    focus.expect(nextCollapsed ? 'expand' : 'collapse');
    onCollapsedChange(nextCollapsed);
  };

  const lastFocusRequest = useRef(focusRequest);
  useEffect(() => {
    if (focusRequest === lastFocusRequest.current) return;
    lastFocusRequest.current = focusRequest;
    focus.expect('heading');
    focus.enterFromOutside();
    if (collapsed) onCollapsedChange(false);
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || collapsed || !collapsible) return;
    event.preventDefault();
    event.stopPropagation();
    onCollapsedChange(true);
    focus.leave();
  };

  const Landmark = standalone ? 'main' : 'aside';
  const Heading = standalone ? 'h1' : 'h2';
  const { state } = controller;
  const listBusy = state.list.status === 'loading' || state.refreshing;
  const count = countOf(state);
  return (
    <OpenOptionsContext.Provider value={api.openOptions ?? null}>
      <Landmark
        ref={asideRef}
        class={collapsed ? 'tp-panel tp-collapsed' : 'tp-panel'}
        data-theme={theme}
        aria-label={t('panel.landmark')}
        onKeyDown={onKeyDown}
      >
        {collapsed ? (
          <button
            type="button"
            class="tp-tab"
            data-focus-key="expand"
            aria-expanded="false"
            aria-controls={bodyId}
            onClick={() => toggle(false)}
          >
            <span class="tp-tab-label">{t('panel.title')}</span>
            {count !== null ? (
              <>
                {' '}
                <span class="tp-tab-count">{number(count)}</span>
              </>
            ) : null}
            <span class="tp-visually-hidden">{t('panel.expandHint')}</span>
          </button>
        ) : null}
        <div id={bodyId} class="tp-body" hidden={collapsed}>
          <header class="tp-header">
            {headerStart}
            <Heading class="tp-title" tabIndex={-1} data-focus-key="heading">
              {t('panel.title')}
              {count !== null ? <span class="tp-count"> {number(count)}</span> : null}
            </Heading>
            <button
              type="button"
              class="tp-button tp-quiet"
              data-focus-key="refresh"
              aria-disabled={listBusy ? 'true' : undefined}
              aria-busy={state.refreshing ? 'true' : undefined}
              onClick={() => controller.refresh()}
            >
              {t('common.refresh')}
            </button>
            {headerEnd}
            {collapsible ? (
              <button
                type="button"
                class="tp-button tp-quiet tp-icon"
                data-focus-key="collapse"
                aria-expanded="true"
                aria-controls={bodyId}
                aria-label={t('panel.collapse')}
                aria-keyshortcuts="Escape"
                onClick={() => toggle(true)}
              >
                <span aria-hidden="true">{'›'}</span>
              </button>
            ) : null}
          </header>
          {notice}
          <div class="tp-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {state.announcement ? (
              <span key={state.announcement.seq}>
                {list(state.announcement.phrases.map((p) => t(p.key, p.values)))}
              </span>
            ) : null}
          </div>
          <div class="tp-content">
            <Content
              state={state}
              controller={controller}
              page={page}
              optionsUrl={api.optionsUrl}
              expectFocus={focus.expect}
            />
          </div>
          {state.pageStale && onReloadPage ? (
            <div class="tp-stale">
              <p class="tp-note">{t('panel.staleNote')}</p>
              <button type="button" class="tp-button" data-focus-key="reload" onClick={onReloadPage}>
                {t('panel.reloadPage')}
              </button>
            </div>
          ) : null}
          {api.openBulkPage ? (
            <footer class="tp-footer">
              <button type="button" class="tp-button tp-quiet tp-link" onClick={() => api.openBulkPage?.(page)}>
                {t('panel.bulkRemoval')}
              </button>
            </footer>
          ) : null}
        </div>
        {collapsed ? null : foot}
      </Landmark>
    </OpenOptionsContext.Provider>
  );
}
