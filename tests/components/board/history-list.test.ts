import { describe, expect, it } from 'vitest';
import { describeHistoryLine } from '../../../components/board/drill/history-list';
import { historyFromActivity } from '../../../client/view-models/board/history-lines';
import { attributionDrift } from '../../../shared/calc/attribution-drift';

const names = new Map([
  ['m-li', '李明'],
  ['m-wang', '王芳'],
]);
const MARCH_5_NOON_SHANGHAI = Date.UTC(2026, 2, 5, 4, 0);

describe('a history line is one action in one sentence, with names and labels, never ids or keys (#13)', () => {
  it('a 月报 filing (seven fields in the document) is one line with both figures', () => {
    const line = {
      by: 'm-li',
      at: MARCH_5_NOON_SHANGHAI,
      action: null,
      changes: [
        { record: { kind: 'report', id: '2026-02' }, field: 'month', from: null, to: '2026-02' },
        { record: { kind: 'report', id: '2026-02' }, field: 'completedWan', from: null, to: 395.4 },
        { record: { kind: 'report', id: '2026-02' }, field: 'cumulativeWan', from: null, to: 2085.1 },
        { record: { kind: 'report', id: '2026-02' }, field: 'progress', from: null, to: '设备安装' },
        { record: { kind: 'report', id: '2026-02' }, field: 'issues', from: null, to: '' },
        { record: { kind: 'report', id: '2026-02' }, field: 'filed', from: null, to: { by: 'm-li', at: MARCH_5_NOON_SHANGHAI } },
        { record: { kind: 'project', id: 'p1' }, field: 'progressNote', from: '', to: '设备安装' },
      ],
    };
    expect(describeHistoryLine(line, 'zh-CN', names)).toBe('李明 于 2026-03-05 12:00 报送 2026年2月 月报：本月 395.4 万元，累计 2085.1 万元');
  });

  it('names the person, labels the field, writes money in 万元/亿元 and hides an unknown id', () => {
    const line = {
      by: 'county-1ka-u07',
      at: MARCH_5_NOON_SHANGHAI,
      action: null,
      changes: [
        { record: { kind: 'project', id: 'p1' }, field: 'totalInvestmentWan', from: 9_000, to: 25_000 },
        { record: { kind: 'project', id: 'p1' }, field: 'ownerId', from: 'm-li', to: 'm-wang' },
      ],
    };
    expect(describeHistoryLine(line, 'zh-CN', names)).toBe(
      '（未知人员） 于 2026-03-05 12:00 修改项目：总投资由 9000 万元 改为 2.5 亿元，责任人由 李明 改为 王芳',
    );
  });

  it('offline, the activity stream reads the same way, one line per entry, newest first', () => {
    const lines = historyFromActivity([
      {
        ok: true,
        value: {
          by: 'm-wang',
          at: 1,
          action: 'milestone.tick',
          record: { kind: 'milestone', id: 'ms-9' },
          field: 'done',
          from: null,
          to: { by: 'm-wang', at: 1 },
        },
      },
      { ok: true, value: { by: 'm-li', at: 2, action: 'project.archive', record: null, field: 'archived', from: false, to: true } },
    ]);
    expect(lines.map((line) => describeHistoryLine(line, 'en', names))).toEqual([
      '李明 at 1970-01-01 08:00: archived the project',
      '王芳 at 1970-01-01 08:00: completed the milestone ',
    ]);
  });

  it('shows the device’s time beside the server’s when offline work is dated days earlier (issue #7)', () => {
    const JAN_2_NOON_SHANGHAI = Date.UTC(2026, 0, 2, 4, 0);
    expect(attributionDrift({ by: 'm-li', at: JAN_2_NOON_SHANGHAI }, MARCH_5_NOON_SHANGHAI)).toBe(JAN_2_NOON_SHANGHAI);
    expect(attributionDrift({ status: 'resolved', resolution: { by: 'm-li', at: JAN_2_NOON_SHANGHAI } }, MARCH_5_NOON_SHANGHAI)).toBe(JAN_2_NOON_SHANGHAI);
    // a day late (a cadre back from the field the next morning) is not remarkable
    expect(attributionDrift({ by: 'm-li', at: MARCH_5_NOON_SHANGHAI - 86_400_000 }, MARCH_5_NOON_SHANGHAI)).toBeNull();
    expect(attributionDrift(120, MARCH_5_NOON_SHANGHAI)).toBeNull();
    const line = {
      by: 'm-li',
      at: MARCH_5_NOON_SHANGHAI,
      action: null,
      changes: [{ record: { kind: 'milestone', id: 'm-3', title: '开工' }, field: 'done', from: null, to: { by: 'm-li', at: JAN_2_NOON_SHANGHAI } }],
      claimedAt: JAN_2_NOON_SHANGHAI,
    };
    expect(describeHistoryLine(line, 'zh-CN', names)).toBe('李明 于 2026-03-05 12:00（本机记录时间 2026-01-02 12:00） 完成节点「开工」');
    expect(describeHistoryLine(line, 'en', names)).toContain('2026-03-05 12:00 (device time 2026-01-02 12:00)');
  });
});
