/**
 * The 动态 list as a state that grows page by page ("加载更多"): the lines so far, the cursor of the next page, and
 * whether a page is on its way or failed. Pure, so the page component only dispatches.
 */
import type { DescribedChange } from '../../../shared/history/describe-entry';
import type { Result } from '../../../shared/result';

/** One entry as the server sends it. */
export interface ActivityLine {
  projectId: string;
  projectName: string | null;
  seq: number;
  at: number;
  author: string;
  unitId: string | null;
  kind: string;
  action: string;
  changes: DescribedChange[];
}

export type FeedFailure = 'offline' | 'refused' | 'badInput' | 'server';

export type ActivityPageResult = Result<{ entries: ActivityLine[]; nextCursor: string | null }, { reason: FeedFailure; message?: string }>;

export interface FeedState {
  lines: ActivityLine[];
  /** The next page's cursor; null once the last page is in. */
  next: string | null;
  status: 'loading' | 'ready' | 'failed';
  failure?: { reason: FeedFailure; message?: string };
  /** Which request the state belongs to: answers to an older one (filters changed since) are ignored. */
  generation: number;
}

export type FeedAction =
  | { type: 'reset'; generation: number }
  | { type: 'more'; generation: number }
  | { type: 'page'; generation: number; result: ActivityPageResult };

export const INITIAL_FEED: FeedState = { lines: [], next: null, status: 'loading', generation: 0 };

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'reset':
      return { lines: [], next: null, status: 'loading', generation: action.generation };
    case 'more':
      if (action.generation !== state.generation || state.next === null || state.status === 'loading') return state;
      return { ...state, status: 'loading' };
    case 'page': {
      if (action.generation !== state.generation) return state;
      const { result } = action;
      if (!result.ok) return { ...state, status: 'failed', failure: { reason: result.reason, ...(result.message ? { message: result.message } : {}) } };
      // an entry seen already (the index grew between two pages) is not listed twice
      const seen = new Set(state.lines.map((l) => `${l.projectId}\u0000${l.seq}`));
      const fresh = result.entries.filter((l) => !seen.has(`${l.projectId}\u0000${l.seq}`));
      return { lines: [...state.lines, ...fresh], next: result.nextCursor, status: 'ready', generation: state.generation };
    }
  }
}
