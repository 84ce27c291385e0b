/**
 * Sheets in the shapes offices send (issue #10): a title block, a merged two-row header, section rows (一、工业项目),
 * 小计 and 合计 rows, amounts and dates in every form, a hidden column, an invalid row, notes under the table.
 * The same rows feed the engine directly (as cells) and the file readers (written as .xlsx / .csv by the tests).
 */
import type { Cell, MergedRange, Sheet } from '../../../shared/import/grid';
import type { ExistingProject, ImportContext } from '../../../shared/import/preview';

export type Raw = string | number | Cell | null;

export function toCell(raw: Raw): Cell {
  if (raw === null || raw === '') return { type: 'empty', value: null };
  if (typeof raw === 'string') return { type: 'string', value: raw };
  if (typeof raw === 'number') return { type: 'number', value: raw };
  return raw;
}

export const dateCell = (value: string): Cell => ({ type: 'date', value });

export function sheetOf(rows: Raw[][], merges: MergedRange[] = [], hiddenColumns: number[] = [], name = 'Sheet1'): Sheet {
  return { name, rows: rows.map((r) => r.map(toCell)), merges, hiddenColumns };
}

const W = 17; // columns A..Q
const pad = (cells: Raw[]): Raw[] => [...cells, ...Array<Raw>(Math.max(0, W - cells.length)).fill(null)];

/** The header block of the county's 月报 (rows 3–4): H–I "2026年1-11月完成投资 › 累计 / 其中：本月". */
export const MONTHLY_HEADER_TOP: Raw[] = [
  '序号',
  '项目编号',
  '项目名称',
  '建设性质',
  '建设内容及规模',
  '总投资（万元）',
  '2026年计划投资',
  '2026年1-11月完成投资（万元）',
  null,
  '计划开工时间',
  '计划竣工时间',
  '联系领导',
  '责任单位',
  '服务单位',
  '本月进展',
  '存在问题和建议',
  '备注',
];
export const MONTHLY_HEADER_SUB: Raw[] = [null, null, null, null, null, null, null, '累计', '其中：本月', null, null, null, null, null, null, null, null];

/** Rows of the fixture 月报, 1-based row numbers in comments. */
export function countyMonthlyRows(): Raw[][] {
  return [
    pad(['安平县2026年11月重点项目建设进展情况表']), // 1 title
    pad(['填报单位：安平县项目办', null, null, null, null, null, null, null, null, null, null, null, null, null, null, '单位：万元']), // 2
    MONTHLY_HEADER_TOP, // 3
    MONTHLY_HEADER_SUB, // 4
    pad(['一、工业项目（2个）']), // 5 section
    [
      1,
      'AP-001',
      '年产10万吨新材料项目',
      '新建',
      '新建厂房 3 万平方米，生产线 4 条',
      '8.6亿',
      '56,700',
      12_000,
      '900万元',
      dateCell('2026-03-01'),
      '2027.6',
      '王强',
      '县工信局',
      '县发改局',
      '主体厂房封顶',
      '',
      '',
    ], // 6 new
    [
      2,
      'AP-002',
      '智能装备产业园',
      '续建',
      '标准化厂房 12 栋',
      '９０００万元',
      3000,
      { type: 'number', value: 2500, formula: true },
      400,
      '2025-05-01',
      '2026年12月',
      '王强',
      '县工信局',
      '',
      '设备安装',
      '用地指标待落实',
      '',
    ], // 7 changed
    pad([null, null, '工业项目小计', null, null, 95_000, 59_700, 14_500, 1300]), // 8 subtotal
    pad(['二、基础设施项目']), // 9 section
    [
      3,
      '',
      '城南污水处理厂',
      '新建',
      '日处理 2 万吨',
      '1.2亿元',
      '8000',
      '5,000',
      '600',
      '2026年4月',
      '2026/12/31',
      '李四',
      '县住建局',
      '',
      '管网铺设',
      '',
      '',
    ], // 10 new, unresolved names, no code
    [4, 'AP-004', '县城供热管网改造', '续建', '', '约5000', 2000, 800, 100, '2026.13', '', '', '', '', '', '', ''], // 11 invalid
    pad([null, null, '合计', null, null, 115_000, 69_700, 20_300, 2000]), // 12 total
    pad([]), // 13 blank
    pad(['注：1.本表金额单位为万元；2.“其中：本月”为当月完成投资。']), // 14 note
  ];
}

/** Merges of the fixture 月报: title, the header's vertical blocks and the H–I group, the section rows. */
export function countyMonthlyMerges(): MergedRange[] {
  const merges: MergedRange[] = [{ top: 0, left: 0, bottom: 0, right: 16 }];
  for (let c = 0; c < W; c++) if (c !== 7 && c !== 8) merges.push({ top: 2, left: c, bottom: 3, right: c });
  merges.push({ top: 2, left: 7, bottom: 2, right: 8 });
  merges.push({ top: 4, left: 0, bottom: 4, right: 16 }, { top: 8, left: 0, bottom: 8, right: 16 });
  return merges;
}

/** The county 月报 with column B (项目编号) hidden, as some offices hide it before printing. */
export function countyMonthlySheet(): Sheet {
  return sheetOf(countyMonthlyRows(), countyMonthlyMerges(), [1], '11月');
}

export function existingProject(over: Partial<ExistingProject> & { id: string; name: string }): ExistingProject {
  return {
    code: '',
    kind: 'new',
    content: '',
    totalInvestmentWan: 0,
    annualPlanWan: 0,
    plannedStart: null,
    plannedCompletion: null,
    leaderId: null,
    ownerId: null,
    unitId: null,
    serviceUnitId: null,
    countyId: null,
    category: 'other',
    stage: 'planning',
    progressNote: '',
    archived: false,
    reports: [],
    ...over,
  };
}

/** A workspace with AP-002 already in it (filed through October), 王强, and the county's units. */
export function countyContext(): ImportContext {
  return {
    projects: [
      existingProject({
        id: 'p-ap002',
        code: 'AP-002',
        name: '智能装备产业园',
        kind: 'continued',
        content: '标准化厂房 12 栋',
        totalInvestmentWan: 8000,
        annualPlanWan: 3000,
        plannedStart: '2025-05-01',
        plannedCompletion: '2026-12-01',
        leaderId: 'm-wang',
        unitId: 'u-gxj',
        category: 'industry',
        stage: 'started',
        reports: [{ month: '2026-10', completedWan: 300, cumulativeWan: 2100, progress: '设备进场', issues: '' }],
      }),
    ],
    members: [
      { id: 'm-wang', name: '王强', archived: false },
      { id: 'm-zhou', name: '周敏', archived: false },
    ],
    units: [
      { id: 'u-gxj', name: '县工信局', kind: 'department', archived: false },
      { id: 'u-fgj', name: '县发改局', kind: 'department', archived: false },
      { id: 'u-zjj', name: '县住建局', kind: 'department', archived: false },
    ],
  };
}
