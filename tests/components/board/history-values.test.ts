import { describe, expect, it } from 'vitest';
import { describeHistoryLine } from '../../../components/board/drill/history-list';
import { historyValue } from '../../../components/board/drill/history-values';

const names = new Map([
  ['m-li', '李明'],
  ['m-wang', '王芳'],
]);
const MARCH_5_NOON_SHANGHAI = Date.UTC(2026, 2, 5, 4, 0);

describe('a history value reads as people write it, never as stored JSON', () => {
  it('names members, labels stages and kinds, and writes money in 万元/亿元', () => {
    expect(historyValue('ownerId', 'm-li', 'zh-CN', names)).toBe('李明');
    expect(historyValue('team', ['m-li', 'm-wang'], 'zh-CN', names)).toBe('李明、王芳');
    expect(historyValue('stage', 'started', 'zh-CN', names)).toBe('开工');
    expect(historyValue('stage', { stage: 'completed', dates: { completed: '2026-10-01' } }, 'en', names)).toBe('Completed');
    expect(historyValue('stageDates', { signed: '2026-01-10', started: '2026-03-05' }, 'zh-CN', names)).toBe('签约 2026-01-10；开工 2026-03-05');
    expect(historyValue('totalInvestmentWan', 25_000, 'zh-CN', names)).toBe('2.5 亿元');
    expect(historyValue('completedWan', 309, 'zh-CN', names)).toBe('309 万元');
    expect(historyValue('status', 'resolved', 'zh-CN', names)).toBe('已办结');
    expect(historyValue('escalation', 'supervised', 'zh-CN', names)).toBe('督办');
    expect(historyValue('archived', true, 'zh-CN', names)).toBe('是');
    expect(historyValue('done', { by: 'm-wang', at: MARCH_5_NOON_SHANGHAI }, 'zh-CN', names)).toBe('王芳 2026-03-05 12:00');
    expect(historyValue('resolution', { by: 'm-li', at: 1, evidence: '已签订供电协议' }, 'zh-CN', names)).toBe('李明：已签订供电协议');
    expect(historyValue('ownerId', null, 'zh-CN', names)).toBe('—');
  });

  it('keeps an unknown id or shape readable and cuts long text', () => {
    expect(historyValue('leaderId', 'm-gone', 'zh-CN', names)).toBe('m-gone');
    expect(historyValue('progressNote', '很'.repeat(100), 'zh-CN', names)).toHaveLength(60);
  });

  it('describes a line with the field, the record and the person', () => {
    const line = { by: 'm-li', at: MARCH_5_NOON_SHANGHAI, record: { kind: 'report', id: '2026-02' }, field: 'completedWan', action: null, from: 100, to: 120 };
    expect(describeHistoryLine(line, 'zh-CN', names)).toBe('李明 于 2026-03-05 12:00 将“本月完成投资”从 100 万元 改为 120 万元（月报 2026-02）');
  });

  it('shows the device’s time beside the server’s when offline work is dated days earlier (issue #7)', async () => {
    const JAN_2_NOON_SHANGHAI = Date.UTC(2026, 0, 2, 4, 0);
    const { attributionDrift } = await import('../../../shared/calc/attribution-drift');
    expect(attributionDrift({ by: 'm-li', at: JAN_2_NOON_SHANGHAI }, MARCH_5_NOON_SHANGHAI)).toBe(JAN_2_NOON_SHANGHAI);
    expect(attributionDrift({ status: 'resolved', resolution: { by: 'm-li', at: JAN_2_NOON_SHANGHAI } }, MARCH_5_NOON_SHANGHAI)).toBe(JAN_2_NOON_SHANGHAI);
    // a day late (a cadre back from the field the next morning) is not remarkable
    expect(attributionDrift({ by: 'm-li', at: MARCH_5_NOON_SHANGHAI - 86_400_000 }, MARCH_5_NOON_SHANGHAI)).toBeNull();
    expect(attributionDrift(120, MARCH_5_NOON_SHANGHAI)).toBeNull();
    const line = {
      by: 'm-li',
      at: MARCH_5_NOON_SHANGHAI,
      record: { kind: 'milestone', id: 'm-3' },
      field: 'done',
      action: null,
      from: null,
      to: { by: 'm-li', at: JAN_2_NOON_SHANGHAI },
      claimedAt: JAN_2_NOON_SHANGHAI,
    };
    expect(describeHistoryLine(line, 'zh-CN', names)).toContain('2026-03-05 12:00（本机记录时间 2026-01-02 12:00）');
    expect(describeHistoryLine(line, 'en', names)).toContain('2026-03-05 12:00 (device time 2026-01-02 12:00)');
  });
});
