import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_ROTATE_SECONDS } from '../../client/view-models/board/wall-pages';

export interface Rotation {
  /** The page on screen (any integer: the view takes it modulo the number of pages). */
  page: number;
  /** Seconds per page now; 0 while paused. */
  seconds: number;
  /** Shows a page by hand; the timer starts over from it. */
  go: (page: number) => void;
  pause: (paused: boolean) => void;
}

/**
 * The wall's rotation: the next page every `seconds` (0: paused from the start). Moving by hand restarts the wait, so
 * a page someone picked in the meeting stays its full time.
 */
export function useRotation(pages: number, seconds: number): Rotation {
  const [page, setPage] = useState(0);
  const [paused, setPaused] = useState(seconds <= 0);
  const [moved, setMoved] = useState(0);
  // started paused (?rotate=0), "继续轮播" runs at the default pace
  const period = seconds > 0 ? seconds : DEFAULT_ROTATE_SECONDS;
  const running = !paused && pages > 1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `moved` restarts the wait after a move by hand
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), period * 1000);
    return () => clearInterval(timer);
  }, [running, pages, period, moved]);
  const go = useCallback(
    (next: number) => {
      setPage(pages > 0 ? ((next % pages) + pages) % pages : 0);
      setMoved((m) => m + 1);
    },
    [pages],
  );
  const pause = useCallback((p: boolean) => setPaused(p), []);
  return { page, seconds: paused ? 0 : period, go, pause };
}
