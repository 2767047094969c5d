import { useEffect, useRef, useState } from 'react';

export type MoveDirection = 'up' | 'down';

/**
 * For a table whose rows move with up/down buttons: after a move the row changes place, and the
 * keyboard stays on the same row's button (or on its twin when the row reached an end). Rows carry
 * `data-row-id`; buttons `data-move="up|down"`.
 */
export function useReorderFocus<T extends HTMLElement>(items: unknown) {
  const containerRef = useRef<T>(null);
  const [moved, setMoved] = useState<{ id: string; direction: MoveDirection } | null>(null);
  useEffect(() => {
    if (!moved) return;
    const row = containerRef.current?.querySelector(`[data-row-id="${CSS.escape(moved.id)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-move="${moved.direction}"]:not(:disabled)`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move]:not(:disabled)`);
    (wanted ?? other)?.focus();
  }, [moved, items]);
  return { containerRef, markMoved: (id: string, direction: MoveDirection) => setMoved({ id, direction }) };
}

/** The ids in their new order after moving one by `offset`; null when it cannot move that way. */
export function movedIds(items: ReadonlyArray<{ id: string }>, id: string, offset: -1 | 1): string[] | null {
  const from = items.findIndex((item) => item.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= items.length) return null;
  const ids = items.map((item) => item.id);
  [ids[from], ids[to]] = [ids[to], ids[from]];
  return ids;
}
