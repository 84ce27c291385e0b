import { reportMessages } from '../i18n/report';
import { squeeze } from './text';

/**
 * What a column can mean. `seq` (序号) and `remark` (备注) are recognised so they count as header words, and are
 * not imported.
 */
export const IMPORT_FIELDS = [
  'seq',
  'code',
  'name',
  'kind',
  'content',
  'totalInvestment',
  'annualPlan',
  'cumulative',
  'monthCompleted',
  'plannedStart',
  'plannedCompletion',
  'leader',
  'owner',
  'unit',
  'serviceUnit',
  'county',
  'category',
  'stage',
  'progress',
  'issues',
  'notFiled',
  'remark',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export function isImportField(value: string): value is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** Fields whose cells are amounts (万元 unless the header names another unit). */
export const MONEY_FIELDS: ReadonlySet<ImportField> = new Set(['totalInvestment', 'annualPlan', 'cumulative', 'monthCompleted']);
export const DATE_FIELDS: ReadonlySet<ImportField> = new Set(['plannedStart', 'plannedCompletion']);
/**
 * The 月报's figures: a sheet with either is a 月报 unless the user says otherwise (a project list may well carry a
 * 形象进度 or 存在问题 column; its figures are what make a 月报).
 */
export const REPORT_FIELDS: ReadonlySet<ImportField> = new Set(['cumulative', 'monthCompleted']);

/**
 * The one table of header names: for each field, the names offices print (compared without spaces, brackets with
 * their unit, or a trailing colon), then patterns for names that carry a year or a month range. Order matters where
 * names overlap: the first field whose name or pattern matches wins.
 */
const SYNONYMS: ReadonlyArray<{ field: ImportField; names: readonly string[]; patterns?: readonly RegExp[] }> = [
  { field: 'seq', names: ['序号', '编号序号', 'No', 'No.'] },
  { field: 'code', names: ['项目编号', '项目代码', '项目编码', '编号', '统一项目代码', '备案代码'] },
  { field: 'name', names: ['项目名称', '项目', '名称', '建设项目名称'] },
  { field: 'kind', names: ['建设性质', '项目性质', '新建续建', '新建/续建', '新开工/续建'] },
  { field: 'content', names: ['建设内容', '建设内容及规模', '主要建设内容', '建设规模及内容', '建设规模和内容', '主要建设内容及规模', '建设规模'] },
  { field: 'totalInvestment', names: ['总投资', '计划总投资', '项目总投资', '估算总投资', '总投资额'] },
  {
    field: 'annualPlan',
    names: ['今年计划投资', '年度计划投资', '本年计划投资', '年计划投资', '计划投资', '年度投资计划'],
    patterns: [/^\d{4}年(度)?计划(完成)?投资(额)?$/, /^\d{4}年(度)?投资计划$/],
  },
  {
    field: 'monthCompleted',
    names: ['本月完成投资', '其中本月', '本月', '本月完成', '当月完成投资', '当月完成', '其中当月', '本月完成投资额'],
    patterns: [/^\d{1,2}月(份)?完成(投资)?$/, /^\d{4}年\d{1,2}月(份)?完成(投资)?$/, /›其中:?(本月|当月)/],
  },
  {
    field: 'cumulative',
    names: ['今年累计完成投资', '累计完成', '累计完成投资', '本年累计完成投资', '年度累计完成投资', '今年累计完成', '累计', '本年累计', '今年累计'],
    patterns: [
      /^\d{4}年\d{1,2}[-~至到]\d{1,2}月(累计)?完成(投资)?(额)?$/,
      /^\d{1,2}[-~至到]\d{1,2}月(累计)?完成(投资)?$/,
      /^\d{4}年(累计)?完成(投资)?$/,
      /累计完成(投资)?$/,
    ],
  },
  { field: 'plannedStart', names: ['计划开工', '计划开工时间', '开工时间', '计划开工日期', '开工日期', '开工'] },
  { field: 'plannedCompletion', names: ['计划竣工', '计划竣工时间', '竣工时间', '计划竣工日期', '竣工日期', '计划建成时间', '竣工'] },
  { field: 'leader', names: ['包联领导', '联系领导', '包抓领导', '分包领导', '包联市级领导', '包联县级领导', '联系县级领导', '牵头领导', '责任领导'] },
  { field: 'owner', names: ['责任人', '项目责任人', '项目负责人', '具体责任人', '责任干部'] },
  { field: 'unit', names: ['责任单位', '牵头单位', '主责单位', '责任部门', '牵头责任单位'] },
  { field: 'serviceUnit', names: ['服务单位', '帮办单位', '帮办服务单位', '服务部门', '配合单位'] },
  { field: 'county', names: ['县区', '所属县区', '县(区)', '县市区', '所在县区', '属地'] },
  { field: 'category', names: ['项目类型', '项目类别', '行业类别', '产业类别', '项目分类', '行业'] },
  { field: 'stage', names: ['建设阶段', '项目阶段', '进度阶段', '当前阶段', '所处阶段'] },
  { field: 'progress', names: ['本月进展', '形象进度', '本月形象进度', '进展情况', '项目进展', '本月进展情况', '建设进展', '工程形象进度'] },
  {
    field: 'issues',
    names: ['问题和建议', '存在问题和建议', '存在问题', '问题及建议', '存在的问题和建议', '存在问题及建议', '需协调解决的问题', '存在问题及需协调事项'],
  },
  { field: 'notFiled', names: ['报送情况', '是否报送', '报送状态', 'Filing'] },
  { field: 'remark', names: ['备注', '说明'] },
];

/** The headers Guatu's own 月报 export writes (both languages), so an exported sheet imports as it is. */
const EXPORT_HEADERS: ReadonlyArray<[keyof (typeof reportMessages)['zh-CN'], ImportField]> = [
  ['report.col.code', 'code'],
  ['report.col.name', 'name'],
  ['report.col.kind', 'kind'],
  ['report.col.content', 'content'],
  ['report.col.totalInvestment', 'totalInvestment'],
  ['report.col.annualPlan', 'annualPlan'],
  ['report.col.cumulativeCompleted', 'cumulative'],
  ['report.col.monthCompleted', 'monthCompleted'],
  ['report.col.plannedStart', 'plannedStart'],
  ['report.col.plannedCompletion', 'plannedCompletion'],
  ['report.col.leader', 'leader'],
  ['report.col.responsibleUnit', 'unit'],
  ['report.col.serviceUnit', 'serviceUnit'],
  ['report.col.category', 'category'],
  ['report.col.stage', 'stage'],
  ['report.col.progress', 'progress'],
  ['report.col.issues', 'issues'],
];

/** A header label made comparable: half-width, no spaces, no unit in brackets, no trailing colon, 其中: kept as 其中. */
export function normalizeHeader(label: string): string {
  return squeeze(label)
    .replace(/[(（][^()（）]*[)）]/g, '')
    .replace(/[:：]/g, ':')
    .replace(/:$/, '')
    .replace(/^其中:/, '其中');
}

let exportNames: Map<string, ImportField> | null = null;

function exportHeader(norm: string): ImportField | null {
  if (exportNames === null) {
    exportNames = new Map();
    for (const [key, field] of EXPORT_HEADERS) {
      for (const locale of ['zh-CN', 'en'] as const) exportNames.set(normalizeHeader(reportMessages[locale][key]).toLowerCase(), field);
    }
  }
  return exportNames.get(norm.toLowerCase()) ?? null;
}

function matchOne(label: string): ImportField | null {
  const norm = normalizeHeader(label);
  if (norm === '') return null;
  const exported = exportHeader(norm);
  if (exported !== null) return exported;
  for (const { field, names, patterns } of SYNONYMS) {
    if (names.some((n) => normalizeHeader(n) === norm)) return field;
    if (patterns?.some((p) => p.test(norm))) return field;
  }
  return null;
}

/**
 * The field a header names. A two-row header arrives as "parent › child" ("2026年1-11月完成投资 › 其中：本月"): the
 * child decides when it is a field name of its own; "累计"/"本月" under a parent read in the parent's sense.
 */
export function matchHeader(label: string): ImportField | null {
  const parts = label.split('›').map((p) => p.trim());
  if (parts.length > 1) {
    const child = parts.at(-1) ?? '';
    const childField = matchOne(child);
    if (childField !== null) return childField;
    return matchOne(parts[0] ?? '');
  }
  return matchOne(label);
}
