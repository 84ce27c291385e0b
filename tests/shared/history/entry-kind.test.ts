import { describe, expect, it } from 'vitest';
import { entryAction, entryKind } from '../../../shared/history/entry-kind';

const at = Date.UTC(2026, 2, 5, 4, 0);

describe('the kind and action of one history entry (the 动态 filter)', () => {
  it('a registration with its milestones is the project’s creation', () => {
    const changes = [
      { record: { kind: 'project', id: 'p1' }, field: 'id', from: null, to: 'p1' },
      { record: { kind: 'project', id: 'p1' }, field: 'name', from: null, to: '产业园' },
      { record: { kind: 'milestone', id: 'm1' }, field: 'id', from: null, to: 'm1' },
    ];
    expect([entryKind(changes), entryAction(changes)]).toEqual(['project', 'project.create']);
  });

  it('a 月报 filing that also updates the project’s 形象进度 is a report filing; a second filing is a correction', () => {
    const filing = [
      { record: { kind: 'report', id: '2026-02' }, field: 'completedWan', from: null, to: 10 },
      { record: { kind: 'report', id: '2026-02' }, field: 'filed', from: null, to: { by: 'm1', at } },
      { record: { kind: 'project', id: 'p1' }, field: 'progressNote', from: '', to: '设备安装' },
    ];
    expect([entryKind(filing), entryAction(filing)]).toEqual(['report', 'report.file']);
    const correction = [{ record: { kind: 'report', id: '2026-02' }, field: 'filed', from: { by: 'm1', at }, to: { by: 'm1', at: at + 1 } }];
    expect(entryAction(correction)).toBe('report.correct');
  });

  it('names problem steps: 销号 confirmed after a request, escalation, progress', () => {
    const confirm = [
      { record: { kind: 'problem', id: 'q1' }, field: 'resolution', from: null, to: { by: 'admin', at, evidence: '已解决' } },
      { record: { kind: 'problem', id: 'q1' }, field: 'request', from: { by: 'm1', at, evidence: '已解决' }, to: null },
    ];
    expect(entryAction(confirm)).toBe('problem.confirmClose');
    expect(entryAction([{ record: { kind: 'problem', id: 'q1' }, field: 'escalation', from: 'assigned', to: 'reminded' }])).toBe('problem.escalate');
    expect(entryAction([{ record: { kind: 'problem', id: 'q1' }, field: 'progress', from: null, to: { by: 'm1', at, note: '推进中' } }])).toBe(
      'problem.progress',
    );
    expect(entryAction([{ record: { kind: 'project', id: 'p1' }, field: 'stage', from: 'signed', to: 'started' }])).toBe('project.stage');
    expect(entryAction([{ record: { kind: 'milestone', id: 'm1' }, field: 'done', from: null, to: { by: 'm1', at } }])).toBe('milestone.tick');
  });
});
