import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BrowserPanel } from '@/utils/i18n/names';
import type { ErrorInfo, Result } from '@/utils/messaging';
import type { PageRoom } from '@/utils/panel/page-room';
import {
  edgeAt,
  type FreeBand,
  frameOf,
  moved,
  PANEL_WIDTH,
  type PanelPlacement,
  reservedWidth,
  resized,
  sameBand,
} from '@/utils/panel/placement';
import { describeError } from '@/utils/zoho-errors';
import { useI18n } from './i18n';
import { Panel, type PanelProps } from './Panel';

export interface PanelDockProps
  extends Omit<PanelProps, 'collapsed' | 'onCollapsedChange' | 'headerStart' | 'foot' | 'headerEnd' | 'notice'> {
  room: PageRoom;
  initialPlacement: PanelPlacement;
  initialCollapsed: boolean;
  savePlacement(placement: PanelPlacement): void;
  saveCollapsed(collapsed: boolean): void;
  /** Moves the panel to the browser's side panel; the page then unmounts the dock. */
  moveToSidePanel?: () => Promise<Result<null>>;
  /** Chrome's side panel or Firefox's sidebar */
  browserPanel?: BrowserPanel;
}

const KEY_STEP = 24;

type MoveDrag = { kind: 'move'; left: number; top: number; grabX: number; grabY: number };
type ResizeDrag = { kind: 'resize'; startY: number; startHeight: number; height: number };
type Drag = MoveDrag | ResizeDrag;

/** The in-page panel: docked to an edge of a narrowed page, movable, resizable, remembered. */
export function PanelDock({
  room,
  initialPlacement,
  initialCollapsed,
  savePlacement,
  saveCollapsed,
  moveToSidePanel,
  browserPanel = 'side-panel',
  ...panelProps
}: PanelDockProps) {
  const { t } = useI18n();
  const [sidePanelError, setSidePanelError] = useState<ErrorInfo | null>(null);
  const moving = useRef(false);
  const [placement, setPlacement] = useState(initialPlacement);
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const { edge } = placement;
  const width = reservedWidth(collapsed);
  // Known at the first render (the host measures before it mounts the dock): one render, not two.
  const [band, setBand] = useState<FreeBand>(() => room.band(edge, width));
  const [drag, setDrag] = useState<Drag | null>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  const measured = useRef({ edge, width });

  // The page is narrowed in the task that mounts the dock: one layout for both, not two.
  useLayoutEffect(() => {
    const last = measured.current;
    if (last.edge !== edge || last.width !== width) {
      measured.current = { edge, width };
      // Before the page is narrowed again: its fixed parts do not move with its margin.
      const next = room.measure(edge, width);
      setBand((current) => (sameBand(current, next) ? current : next));
    }
    room.reserve(edge, width);
  }, [room, edge, width]);
  useEffect(
    () =>
      room.onChange(() => {
        const next = room.measure(edge, width);
        setBand((current) => (sameBand(current, next) ? current : next));
      }),
    [room, edge, width],
  );
  // Beside the reservation: a dock gone before its first paint gives the room back too.
  useLayoutEffect(() => () => room.release(), [room]);

  const commit = (next: PanelPlacement) => {
    setPlacement(next);
    savePlacement(next);
  };

  const onCollapsedChange = (next: boolean) => {
    setCollapsed(next);
    saveCollapsed(next);
  };

  const frame = frameOf(placement, band);

  /** Pointer handlers of one kind of drag: begun on press (captured), followed, finished on release. */
  function dragging<D extends Drag>(
    kind: D['kind'],
    begin: (event: PointerEvent) => D | null,
    follow: (current: D, event: PointerEvent) => D,
    finish: (current: D, event: PointerEvent) => void,
  ) {
    const current = drag?.kind === kind ? (drag as D) : null;
    return {
      onPointerDown: (event: PointerEvent) => {
        const started = event.button === 0 ? begin(event) : null;
        if (!started) return;
        (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
        setDrag(started);
      },
      onPointerMove: (event: PointerEvent) => {
        if (current) setDrag(follow(current, event));
      },
      onPointerUp: (event: PointerEvent) => {
        if (!current) return;
        setDrag(null);
        finish(current, event);
      },
      onPointerCancel: () => setDrag(null),
    };
  }

  const grip = (
    <button
      type="button"
      class="tp-button tp-quiet tp-icon tp-grip"
      data-focus-key="move"
      aria-label={t('panel.move')}
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown"
      title={t('panel.moveHint')}
      {...dragging<MoveDrag>(
        'move',
        (event) => {
          const box = dockRef.current?.getBoundingClientRect();
          if (!box) return null;
          const grab = { grabX: event.clientX - box.left, grabY: event.clientY - box.top };
          return { kind: 'move', left: box.left, top: box.top, ...grab };
        },
        (current, event) => ({ ...current, left: event.clientX - current.grabX, top: event.clientY - current.grabY }),
        (current, event) => {
          const nextEdge = edgeAt(event.clientX, document.documentElement.clientWidth);
          commit(moved({ ...placement, edge: nextEdge, offset: 0 }, current.top - band.top, band));
        },
      )}
      onKeyDown={(event) => {
        const moves: Record<string, () => PanelPlacement> = {
          ArrowLeft: () => ({ ...placement, edge: 'left' }),
          ArrowRight: () => ({ ...placement, edge: 'right' }),
          ArrowUp: () => moved(placement, -KEY_STEP, band),
          ArrowDown: () => moved(placement, KEY_STEP, band),
        };
        const move = moves[event.key];
        if (!move) return;
        event.preventDefault();
        commit(move());
      }}
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );

  const currentHeight = () => dockRef.current?.getBoundingClientRect().height ?? frame.maxHeight;
  const resizeHandle = (
    <button
      type="button"
      class="tp-resize"
      data-focus-key="resize"
      aria-label={t('panel.resize')}
      aria-keyshortcuts="ArrowUp ArrowDown"
      title={t('panel.resizeHint')}
      {...dragging<ResizeDrag>(
        'resize',
        (event) => {
          const height = currentHeight();
          return { kind: 'resize', startY: event.clientY, startHeight: height, height };
        },
        (current, event) => {
          const next = resized(placement, current.startHeight, event.clientY - current.startY, band);
          return { ...current, height: next.height ?? current.height };
        },
        (current, event) => commit(resized(placement, current.startHeight, event.clientY - current.startY, band)),
      )}
      onKeyDown={(event) => {
        const step = event.key === 'ArrowUp' ? -KEY_STEP : event.key === 'ArrowDown' ? KEY_STEP : 0;
        if (!step) return;
        event.preventDefault();
        commit(resized(placement, currentHeight(), step, band));
      }}
    />
  );

  // A collapsed tab is as tall as its content; an open panel as the user sized it, or its content.
  const height = collapsed ? null : drag?.kind === 'resize' ? drag.height : frame.height;
  const style: Record<string, string> =
    drag?.kind === 'move'
      ? { left: `${drag.left}px`, top: `${drag.top}px`, width: `${PANEL_WIDTH}px` }
      : {
          [edge]: '0px',
          top: `${frame.top}px`,
          width: `${width}px`,
          maxHeight: `${frame.maxHeight}px`,
          ...(height === null ? {} : { height: `${height}px` }),
        };

  const toSidePanel = moveToSidePanel ? (
    <button
      type="button"
      class="tp-button tp-quiet tp-icon"
      data-focus-key="side-panel"
      aria-label={t(browserPanel === 'sidebar' ? 'panel.toSidebar' : 'panel.toSidePanel')}
      title={t(browserPanel === 'sidebar' ? 'panel.toSidebar' : 'panel.toSidePanel')}
      onClick={() => {
        if (moving.current) return;
        moving.current = true;
        setSidePanelError(null);
        void moveToSidePanel().then((result) => {
          moving.current = false;
          if (!result.ok) setSidePanelError(result.error);
        });
      }}
    >
      <span aria-hidden="true">⇥</span>
    </button>
  ) : null;
  const sidePanelNotice = sidePanelError ? (
    <div class="tp-stale tp-stale-stacked" role="alert">
      <p class="tp-note">{t(describeError(sidePanelError).message)}</p>
      {panelProps.api.openOptions ? (
        <button type="button" class="tp-button" onClick={() => panelProps.api.openOptions?.()}>
          {t('common.openOptions')}
        </button>
      ) : null}
      <button
        type="button"
        class="tp-button tp-quiet"
        data-focus-key="side-panel"
        onClick={() => setSidePanelError(null)}
      >
        {t('common.dismiss')}
      </button>
    </div>
  ) : null;

  return (
    <div
      ref={dockRef}
      class={`tp-dock tp-dock-${edge}${drag ? ' tp-dragging' : ''}${collapsed ? ' tp-dock-collapsed' : ''}${
        height === null ? '' : ' tp-dock-sized'
      }`}
      style={style}
    >
      <Panel
        {...panelProps}
        collapsed={collapsed}
        onCollapsedChange={onCollapsedChange}
        headerStart={grip}
        foot={resizeHandle}
        headerEnd={toSidePanel}
        notice={sidePanelNotice}
      />
    </div>
  );
}
