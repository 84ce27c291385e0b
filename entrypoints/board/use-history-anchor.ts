import { useEffect, useState } from 'react';
import { ANCHOR_PENDING, type AnchorStatus } from '../../shared/history/anchor-note';

/** The wall asks again this often: a new digest is signed once a day, a minute past midnight in Asia/Shanghai. */
export const ANCHOR_REFRESH_MS = 10 * 60_000;

/**
 * The latest signed history digest while the page shows it (the wall's footer, the print page's last line): asked at
 * once, then every `refreshMs` when given; an answer that arrives after the page moved on is dropped.
 */
export function useHistoryAnchor(load: (() => Promise<AnchorStatus>) | undefined, refreshMs?: number): AnchorStatus {
  const [status, setStatus] = useState<AnchorStatus>(ANCHOR_PENDING);
  useEffect(() => {
    if (!load) return;
    let current = true;
    const ask = (): void => {
      void load().then((answer) => {
        if (current) setStatus(answer);
      });
    };
    ask();
    const timer = refreshMs === undefined ? null : setInterval(ask, refreshMs);
    return () => {
      current = false;
      if (timer !== null) clearInterval(timer);
    };
  }, [load, refreshMs]);
  return status;
}
