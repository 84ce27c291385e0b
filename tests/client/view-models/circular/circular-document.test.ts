import { describe, expect, it } from 'vitest';
import {
  cellText,
  circularDocument,
  criticismLines,
  documentLines,
  NAMES_PER_LINE,
  praiseLines,
  rankingsByUnitKind,
} from '../../../../client/view-models/circular/circular-document';
import { draftCircular } from '../../../../client/view-models/board/circular-sections';
import type { MonthlyCircular } from '../../../../shared/calc/circular';
import type { Ranking } from '../../../../shared/calc/rankings';
import { summaryRow } from '../../../../shared/calc/summary-row';
import { generateWorkspace } from '../../../../server/demo/generate-workspace';
import { unit, workspace } from '../../../shared/calc/report-fixtures';

// Seeded demo workspaces (seed 11), as the board of 15 June 2026 sees them.
const SEED = 11;
const AS_OF = '2026-06-15';
function board(scale: 'county' | 'city') {
  const { workspace: ws, projects } = generateWorkspace({ scale, seed: SEED, year: 2026, asOf: AS_OF });
  return { workspace: ws, rows: projects.map((b) => summaryRow(b)) };
}
const city = board('city');

function emptyCircular(unitRankings: Ranking[]): MonthlyCircular {
  return {
    month: '2026-05',
    title: { key: 'circular.title', params: { year: 2026, month: 5 } },
    period: { start: '2026-01-01', end: '2026-05-31' },
    rankingAsOf: '2026-05-31',
    reportDue: '2026-06-05',
    targetSummary: [],
    unitRankings,
    memberRankings: [],
    praised: [],
    criticised: [],
    notFiled: [],
  };
}

function ranking(metric: Ranking['metric'], values: [id: string, name: string, value: number | null][]): Ranking {
  // the document sorts entries by each unit's own kind, whichever ranking they come in (here one, as 县区)
  return {
    metric,
    subject: 'county',
    formulaKey: 'calc.formula.problemResolutionRate',
    entries: values.map(([id, name, value], i) => ({ id, name, value, rank: i + 1, numerator: 0, denominator: 1 })),
  };
}

describe('the 通报 document', () => {
  const doc = circularDocument({ ...city, month: '2026-05', asOf: AS_OF, locale: 'zh-CN' });

  it('has the 红头 parts and six numbered chapters in the order a 通报 is read', () => {
    expect(doc.title).toBe('2026年5月全市项目建设情况通报');
    expect(doc.number).toBe('项目办通〔2026〕5号');
    expect(doc.date).toBe('2026年6月15日');
    expect(doc.issuer).toContain(city.workspace.name);
    expect(doc.chapters.map((c) => c.heading)).toEqual([
      '一、总体情况',
      '二、主要指标完成情况',
      '三、排名情况',
      '四、存在问题',
      '五、下步工作',
      '六、表扬和通报批评',
    ]);
  });

  it('speaks of money in 亿元 and of pace in the campaign wording (落后序时进度 / 超序时进度)', () => {
    const overview = doc.chapters[0]!.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(overview).toMatch(/累计完成投资 \d+\.\d{2} 亿元，占年度计划的 \d+\.\d{2}%，(落后序时进度|超序时进度) \d+\.\d{2} 个百分点/);
    expect(overview).not.toMatch(/万元/);
    expect(overview).not.toMatch(/慢序时/);
  });

  it('keeps 主要指标 to one short table with percentages as numbers, people and units summarised in a row each', () => {
    const tables = doc.chapters[1]!.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const table = tables[0]!;
    if (table.kind !== 'table') throw new Error('not a table');
    // 149 targets in the seeded city; the table has the workspace's own, then one row for units and one for people.
    expect(table.rows.length).toBeLessThan(25);
    const first = table.rows[0]!;
    expect(first[4]).toMatchObject({ format: 'percent' });
    expect(typeof first[4] === 'object' && first[4].value).toBeGreaterThan(0);
    expect(cellText({ value: 0.3111, format: 'percent' })).toBe('31.11%');
    expect(cellText({ value: 274.2, format: 'yi' })).toBe('274.20');
    expect(table.rows.some((r) => String(r[1]).startsWith('个人目标任务'))).toBe(true);
  });

  it('ranks units within their kind and shows the top and bottom three only', () => {
    const rankings = doc.chapters[2]!.blocks;
    expect(rankings.filter((b) => b.kind === 'heading').map((b) => ('text' in b ? b.text : ''))).toEqual([
      expect.stringMatching(/^（一）县区/),
      expect.stringMatching(/^（二）部门/),
      expect.stringMatching(/^（三）行业专班/),
    ]);
    for (const b of rankings) {
      if (b.kind !== 'table') continue;
      for (const row of b.rows) for (const cell of row.slice(1)) expect(String(cell).split('、').length).toBeLessThanOrEqual(3);
    }
    const kindOf = new Map(city.workspace.units.map((u) => [u.id, u.kind]));
    const circular = draftCircular(city.workspace, city.rows, '2026-05', AS_OF);
    for (const group of rankingsByUnitKind(circular.unitRankings, city.workspace))
      for (const r of group.rankings) for (const e of r.entries) expect(kindOf.get(e.id)).toBe(group.kind);
  });

  it('drafts 存在问题 from the month for the 项目办 to reword, and uses their words once written', () => {
    const draft = doc.chapters[3]!.blocks[0]!;
    expect(draft).toMatchObject({ kind: 'editable', field: 'problems' });
    expect('text' in draft && draft.text).toMatch(/^一是投资进度落后序时进度 \d+\.\d{2} 个百分点/);
    const written = circularDocument({ ...city, month: '2026-05', asOf: AS_OF, locale: 'zh-CN', notes: { problems: '一是部分项目要素保障不到位。' } });
    expect(written.chapters[3]!.blocks[0]).toMatchObject({ kind: 'editable', text: '一是部分项目要素保障不到位。' });
    // The other chapter keeps its draft.
    expect(written.chapters[4]!.blocks[0]).toMatchObject({ kind: 'editable', field: 'nextSteps' });
    expect('text' in written.chapters[4]!.blocks[0]! && written.chapters[4]!.blocks[0]!.text).toMatch(/^一是/);
  });

  it('uses the 项目办’s own 下步工作 once written, the generated draft before', () => {
    const draft = doc.chapters[4]!.blocks[0]!;
    expect(draft.kind).toBe('editable');
    expect('text' in draft && draft.text).toMatch(/^一是/);
    const written = circularDocument({ ...city, month: '2026-05', asOf: AS_OF, locale: 'zh-CN', notes: { nextSteps: '一是召开调度会。' } });
    expect(written.chapters[4]!.blocks[0]).toMatchObject({ kind: 'editable', text: '一是召开调度会。' });
    expect(documentLines(written).flat()).toContain('一是召开调度会。');
  });
});

describe('表扬 and 通报批评 condensed by rule', () => {
  const circular = draftCircular(city.workspace, city.rows, '2026-05', AS_OF);
  const praise = praiseLines(circular, city.workspace, 'zh-CN');
  const criticism = criticismLines(circular, city.workspace, AS_OF, 'zh-CN');

  it('says in a dozen lines what the raw circular says in hundreds', () => {
    expect(circular.praised.length + circular.criticised.length).toBeGreaterThan(150);
    expect(praise.length).toBeLessThanOrEqual(20);
    expect(criticism.length).toBeLessThanOrEqual(20);
  });

  it('names at most a handful of people in criticism (units answer, not ~100 people)', () => {
    const named = city.workspace.members.filter((m) => criticism.some((line) => line.includes(m.name)));
    expect(named.length).toBeLessThanOrEqual(NAMES_PER_LINE);
    for (const line of [...praise, ...criticism]) {
      // A line lists at most NAMES_PER_LINE names, then "等 N 个/人".
      const listed = line.split('：').slice(1).join('：').split('、').length;
      expect(listed).toBeLessThanOrEqual(NAMES_PER_LINE + 3);
    }
    expect(criticism.join('\n')).toMatch(/等 \d+ 人/);
  });

  it('does not praise a crowd tied at first place one by one', () => {
    const ws = workspace({ units: Array.from({ length: 12 }, (_, i) => unit(`c${i}`, `县区${i}`, { kind: 'county' })) });
    // All twelve closed every problem (100%) but two: the tie is said as a count, never as 12 lines of "排名第一".
    const tied = ranking(
      'problemResolutionRate',
      ws.units.map((u, i) => [u.id, u.name, i < 10 ? 1 : 0.5]),
    );
    const lines = praiseLines(emptyCircular([tied]), ws, 'zh-CN');
    expect(lines).toEqual([]);
    const doc = circularDocument({ workspace: ws, rows: [], month: '2026-05', asOf: AS_OF, locale: 'zh-CN' });
    expect(doc.chapters[5]!.blocks.some((b) => 'text' in b && b.text.includes('排名第一'))).toBe(false);
    const bottom = criticismLines(emptyCircular([tied]), ws, AS_OF, 'zh-CN');
    expect(bottom).toEqual(['县区10：问题办结率（50.00%）位列县区末位', '县区11：问题办结率（50.00%）位列县区末位']);
  });

  it('gathers a unit’s first places into one line', () => {
    const ws = workspace({ units: [unit('a', '甲县', { kind: 'county' }), unit('b', '乙县', { kind: 'county' }), unit('d', '丙局')] });
    const lines = praiseLines(
      emptyCircular([
        ranking('investmentShare', [
          ['a', '甲县', 0.4],
          ['b', '乙县', 0.2],
          ['d', '丙局', 0.9],
        ]),
        ranking('startRate', [
          ['a', '甲县', 1],
          ['b', '乙县', 0.5],
          ['d', '丙局', null],
        ]),
      ]),
      ws,
      'zh-CN',
    );
    // 丙局 is a department: alone in its kind, it is not ranked against the counties.
    expect(lines).toEqual(['甲县：投资完成率（40.00%）、开工率（100.00%）位列县区第一']);
  });
});
