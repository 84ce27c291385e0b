import { describe, expect, it } from 'vitest';
import { circularNotesKey, loadCircularNotes, saveCircularNotes, type NotesStorage } from '../../client/circular-notes';

function memory(): NotesStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('the 项目办’s 存在问题 and 下步工作 for a month’s 通报', () => {
  it('is kept per workspace and month', () => {
    const storage = memory();
    expect(saveCircularNotes(storage, 'ws-1', '2026-05', { problems: '一是要素保障不到位。', nextSteps: '一是召开调度会。' })).toBe(true);
    expect(loadCircularNotes(storage, 'ws-1', '2026-05')).toEqual({ problems: '一是要素保障不到位。', nextSteps: '一是召开调度会。' });
    expect(loadCircularNotes(storage, 'ws-1', '2026-06')).toEqual({});
    expect(loadCircularNotes(storage, 'ws-2', '2026-05')).toEqual({});
    expect([...storage.map.keys()]).toEqual([circularNotesKey('ws-1', '2026-05')]);
  });

  it('reads anything else under the key as nothing saved, and says when the storage refuses', () => {
    const storage = memory();
    storage.map.set(circularNotesKey('ws-1', '2026-05'), '{not json');
    expect(loadCircularNotes(storage, 'ws-1', '2026-05')).toEqual({});
    storage.map.set(circularNotesKey('ws-1', '2026-05'), JSON.stringify({ nextSteps: 42 }));
    expect(loadCircularNotes(storage, 'ws-1', '2026-05')).toEqual({});
    const full: NotesStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveCircularNotes(full, 'ws-1', '2026-05', { nextSteps: '…' })).toBe(false);
    expect(saveCircularNotes(null, 'ws-1', '2026-05', { nextSteps: '…' })).toBe(false);
  });
});
