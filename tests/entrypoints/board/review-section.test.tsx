// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BoardScreen } from '../../../entrypoints/board/board-screen';
import type { ReviewItem } from '../../../client/view-models/board/review-list';
import { summaryRow } from '../../../shared/calc/summary-row';
import { confirmRegistration, confirmReportFigure } from '../../../shared/model/workspace-write';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { writeWorkspaceData } from '../../../shared/model/write-bundle';
import type { Author } from '../../../shared/model/origin';
import type { ModelResult } from '../../../shared/model/result';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import { bundle, report } from '../../shared/calc/report-fixtures';
import { AS_OF, ROWS, WORKSPACE, summaryRead } from './fixtures';

afterEach(cleanup);

/** 16:00 on 28 March in Shanghai. */
const FILED_AT = Date.UTC(2026, 2, 28, 8);

/** 李明 filed 1e9 万元 for March on a 100 万元 warehouse; 王芳 created a cold-chain project offline naming 赵强 as leader. */
const FAKE: SummaryRow = summaryRow(
  bundle(
    { id: 'p4', code: 'XM-004', name: '小型仓储项目', unitId: 'u-east', ownerId: 'm-li', leaderId: null, totalInvestmentWan: 100, annualPlanWan: 100 },
    { reports: [report('2026-03', 1e9, 1e9, { filed: { by: 'm-li', at: FILED_AT } })] },
  ),
);
const OFFLINE: SummaryRow = summaryRow(
  bundle({ id: 'p5', code: 'XM-005', name: '冷链物流中心', unitId: 'u-dev', ownerId: 'm-zhao', leaderId: 'm-zhao', team: ['m-zhao'], attractedById: 'm-wang' }),
);
const DATA: WorkspaceData = {
  ...WORKSPACE,
  registry: [
    ...WORKSPACE.registry,
    { id: 'p4', name: '小型仓储项目', unitId: 'u-east', ownerId: 'm-li', leaderId: null, team: [], archived: false },
    { id: 'p5', name: '冷链物流中心', unitId: 'u-dev', ownerId: 'm-wang', leaderId: 'm-zhao', team: ['m-zhao'], archived: false, confirmed: false },
  ],
};
const admin: Author = { memberId: 'm-admin', at: Date.UTC(2026, 3, 15, 2) };

function workspaceDoc(): Y.Doc {
  const doc = new Y.Doc();
  expect(writeWorkspaceData(doc, DATA, { by: 'server', at: 0 }).ok).toBe(true);
  return doc;
}

function board(doc: Y.Doc, onConfirmReview?: (item: ReviewItem) => ModelResult) {
  return (
    <BoardScreen
      locale="zh-CN"
      workspace={readWorkspace(doc)}
      summary={summaryRead([...ROWS, FAKE, OFFLINE])}
      asOf={AS_OF}
      mode="extension"
      charts={false}
      {...(onConfirmReview ? { onConfirmReview } : {})}
    />
  );
}

const reviewSection = (): HTMLElement => screen.getByRole('region', { name: '待审核数据' });
const investActual = (): string => document.querySelector('[data-target="t-invest"]')?.textContent ?? '';

describe('the board’s review list (审核)', () => {
  it('lists each flagged figure with who filed it and why, and each registration awaiting confirmation', () => {
    render(board(workspaceDoc(), () => ({ ok: true })));
    const section = within(reviewSection());
    expect(section.getByText('共 2 项待审核', { exact: false })).toBeTruthy();

    const fake = within(document.querySelector<HTMLElement>('[data-review="report/p4/2026-03"]')!);
    expect(fake.getByText('2026-03 月报：本月完成 100000 亿元，今年累计 100000 亿元')).toBeTruthy();
    expect(fake.getByText('李明（2026-03-28 16:00）')).toBeTruthy();
    expect(fake.getByText('今年累计完成投资 100000 亿元 超过项目总投资 100 万元')).toBeTruthy();
    expect(fake.getByText('本月完成投资 100000 亿元 超过今年计划投资 100 万元 的 1.5 倍')).toBeTruthy();
    expect(fake.getByRole('button', { name: '确认' })).toBeTruthy();

    const offline = within(document.querySelector<HTMLElement>('[data-review="registration/p5"]')!);
    expect(offline.getByText('新项目登记：联系领导 赵强；一套班子 赵强；招引人 王芳')).toBeTruthy();
    expect(offline.getByText('王芳')).toBeTruthy();
  });

  it('an admin’s 确认 writes an attributed review; the figure then counts and leaves the list', () => {
    const doc = workspaceDoc();
    const confirm = (item: ReviewItem): ModelResult =>
      item.kind === 'report'
        ? confirmReportFigure(
            doc,
            { projectId: item.projectId, month: item.flag.month, completedWan: item.flag.completedWan, cumulativeWan: item.flag.cumulativeWan },
            admin,
          )
        : confirmRegistration(doc, { projectId: item.projectId, leaderId: item.leaderId, team: item.team, attractedById: item.attractedById }, admin);
    const view = render(board(doc, confirm));
    // Unconfirmed, the 1e9 does not count: the city's 310 万元 of 1000 stand.
    expect(investActual()).toContain('310 万元');

    fireEvent.click(within(document.querySelector<HTMLElement>('[data-review="report/p4/2026-03"]')!).getByRole('button', { name: '确认' }));
    const reviews = readWorkspace(doc).reviews;
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.ok && reviews[0].value).toMatchObject({
      kind: 'report',
      projectId: 'p4',
      month: '2026-03',
      completedWan: 1e9,
      confirmed: { by: 'm-admin', at: admin.at },
    });

    view.rerender(board(doc, confirm));
    expect(document.querySelector('[data-review="report/p4/2026-03"]')).toBeNull();
    expect(document.querySelector('[data-review="registration/p5"]')).not.toBeNull();
    expect(investActual()).toContain('100000.03 亿元');
  });

  it('offers no 确认 to anyone but the 项目办', () => {
    render(board(workspaceDoc()));
    const section = within(reviewSection());
    expect(section.queryByRole('button', { name: '确认' })).toBeNull();
    expect(section.getByText('仅项目办可以确认', { exact: false })).toBeTruthy();
  });

  it('shows nothing to review on the wall display', () => {
    render(
      <BoardScreen locale="zh-CN" workspace={readWorkspace(workspaceDoc())} summary={summaryRead([...ROWS, FAKE])} asOf={AS_OF} mode="wall" charts={false} />,
    );
    expect(screen.queryByRole('region', { name: '待审核数据' })).toBeNull();
  });
});
