import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prereadSummary } from '../../../entrypoints/board/preread-summary';

function summaryWith(count: number): Y.Doc {
  const doc = new Y.Doc();
  const rows = doc.getMap<unknown>('rows');
  doc.transact(() => {
    for (let i = 0; i < count; i++) rows.set(`p${i}`, { projectId: `p${i}` });
  });
  return doc;
}

describe('the board reads the summary ahead in slices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('5 rows, 2 per slice: done after the third task, not before', () => {
    const done = vi.fn();
    prereadSummary(summaryWith(5), done, 2);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('an empty summary is done after one task; a cancelled read never finishes', () => {
    const done = vi.fn();
    prereadSummary(new Y.Doc(), done, 2);
    vi.runAllTimers();
    expect(done).toHaveBeenCalledTimes(1);
    const never = vi.fn();
    const cancel = prereadSummary(summaryWith(5), never, 2);
    vi.advanceTimersToNextTimer();
    cancel();
    vi.runAllTimers();
    expect(never).not.toHaveBeenCalled();
  });
});
