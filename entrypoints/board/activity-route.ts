import { useEffect, useState } from 'react';

/** The board's route of the workspace-wide activity (动态): "#activity"; a reload or the back button keeps to it. */
export const ACTIVITY_ROUTE = '#activity';

/** Whether the page's address asks for the activity, following the address as it changes. */
export function useActivityRoute(enabled: boolean): boolean {
  const [open, setOpen] = useState(() => enabled && typeof window !== 'undefined' && window.location.hash === ACTIVITY_ROUTE);
  useEffect(() => {
    if (!enabled) return;
    const follow = (): void => setOpen(window.location.hash === ACTIVITY_ROUTE);
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [enabled]);
  return enabled && open;
}
