import type * as Y from 'yjs';
import { prereadSummaryRows } from '../../shared/model/summary';

/** Rows validated per task: about 5 ms of zod on a mid-range laptop, short enough for input to stay responsive. */
const ROWS_PER_SLICE = 100;

/**
 * Validates the summary's rows in slices, one task each, then calls `done`: the board's first render after the swap
 * from the saved board then reads every row from the cache instead of holding the main thread for all 1000 at once.
 * Returns a cancel function.
 */
export function prereadSummary(doc: Y.Doc, done: () => void, rowsPerSlice = ROWS_PER_SLICE): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let from: number | null = 0;
  const slice = (): void => {
    from = from === null ? null : prereadSummaryRows(doc, from, rowsPerSlice);
    if (from === null) done();
    else timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => clearTimeout(timer);
}
