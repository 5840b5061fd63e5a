import { useEffect, useRef, useState } from 'preact/hooks';
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
  TAB_WIDTH,
} from '@/utils/panel/placement';
import { Panel, type PanelProps } from './Panel';

export interface PanelDockProps extends Omit<PanelProps, 'collapsed' | 'onCollapsedChange' | 'headerStart' | 'foot'> {
  room: PageRoom;
  initialPlacement: PanelPlacement;
  initialCollapsed: boolean;
  savePlacement(placement: PanelPlacement): void;
  saveCollapsed(collapsed: boolean): void;
}

const KEY_STEP = 24;

type Drag =
  | { kind: 'move'; left: number; top: number; grabX: number; grabY: number }
  | { kind: 'resize'; startY: number; startHeight: number; height: number };

/** The in-page panel: docked to an edge of a narrowed page, movable, resizable, remembered. */
export function PanelDock({
  room,
  initialPlacement,
  initialCollapsed,
  savePlacement,
  saveCollapsed,
  ...panelProps
}: PanelDockProps) {
  const [placement, setPlacement] = useState(initialPlacement);
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  const [band, setBand] = useState<FreeBand>({ top: 0, bottom: window.innerHeight });
  const [drag, setDrag] = useState<Drag | null>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  const { edge } = placement;
  const width = reservedWidth(collapsed);

  useEffect(() => {
    const update = () => {
      room.reserve(edge, width);
      setBand(room.measure(edge, width));
    };
    update();
    return room.onChange(update);
  }, [room, edge, width]);
  useEffect(() => () => room.release(), [room]);

  const commit = (next: PanelPlacement) => {
    setPlacement(next);
    savePlacement(next);
  };

  const onCollapsedChange = (next: boolean) => {
    setCollapsed(next);
    saveCollapsed(next);
  };

  const frame = frameOf(placement, band);

  const grip = (
    <button
      type="button"
      class="tp-button tp-quiet tp-icon tp-grip"
      data-focus-key="move"
      aria-label="Move panel"
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown"
      title="Drag to move the panel, or use the arrow keys"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        const box = dockRef.current?.getBoundingClientRect();
        if (!box) return;
        (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
        setDrag({
          kind: 'move',
          left: box.left,
          top: box.top,
          grabX: event.clientX - box.left,
          grabY: event.clientY - box.top,
        });
      }}
      onPointerMove={(event) => {
        if (drag?.kind !== 'move') return;
        setDrag({ ...drag, left: event.clientX - drag.grabX, top: event.clientY - drag.grabY });
      }}
      onPointerUp={(event) => {
        if (drag?.kind !== 'move') return;
        setDrag(null);
        const nextEdge = edgeAt(event.clientX, document.documentElement.clientWidth);
        commit(moved({ ...placement, edge: nextEdge, offset: 0 }, drag.top - band.top, band));
      }}
      onPointerCancel={() => setDrag(null)}
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
      aria-label="Resize panel"
      aria-keyshortcuts="ArrowUp ArrowDown"
      title="Drag to change the panel's height, or use the arrow keys"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
        const height = currentHeight();
        setDrag({ kind: 'resize', startY: event.clientY, startHeight: height, height });
      }}
      onPointerMove={(event) => {
        if (drag?.kind !== 'resize') return;
        const next = resized(placement, drag.startHeight, event.clientY - drag.startY, band);
        setDrag({ ...drag, height: next.height ?? drag.height });
      }}
      onPointerUp={(event) => {
        if (drag?.kind !== 'resize') return;
        setDrag(null);
        commit(resized(placement, drag.startHeight, event.clientY - drag.startY, band));
      }}
      onPointerCancel={() => setDrag(null)}
      onKeyDown={(event) => {
        const step = event.key === 'ArrowUp' ? -KEY_STEP : event.key === 'ArrowDown' ? KEY_STEP : 0;
        if (!step) return;
        event.preventDefault();
        commit(resized(placement, currentHeight(), step, band));
      }}
    />
  );

  const style: Record<string, string> =
    drag?.kind === 'move'
      ? { left: `${drag.left}px`, top: `${drag.top}px`, width: `${PANEL_WIDTH}px` }
      : {
          [edge]: '0px',
          top: `${frame.top}px`,
          width: `${collapsed ? TAB_WIDTH : PANEL_WIDTH}px`,
          maxHeight: `${frame.maxHeight}px`,
          ...(collapsed
            ? {}
            : drag?.kind === 'resize'
              ? { height: `${drag.height}px` }
              : frame.height !== null
                ? { height: `${frame.height}px` }
                : {}),
        };

  return (
    <div
      ref={dockRef}
      class={`tp-dock tp-dock-${edge}${drag ? ' tp-dragging' : ''}${collapsed ? ' tp-dock-collapsed' : ''}${
        'height' in style ? ' tp-dock-sized' : ''
      }`}
      style={style}
    >
      <Panel
        {...panelProps}
        collapsed={collapsed}
        onCollapsedChange={onCollapsedChange}
        headerStart={grip}
        foot={resizeHandle}
      />
    </div>
  );
}
