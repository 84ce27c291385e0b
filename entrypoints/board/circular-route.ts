import type { Month } from '../../shared/schema/common';

/** The board's route of the printable circular: "#circular/2026-05". */
export function circularRoute(month: Month): string {
  return `#circular/${month}`;
}

/** The month the page's address asks to print, if any. */
export function routedCircularMonth(hash: string): Month | null {
  const match = /^#circular\/(\d{4}-(0[1-9]|1[0-2]))$/.exec(hash);
  return match?.[1] ?? null;
}
