/**
 * The import engine: from a sheet (cells, merges, hidden columns) and what the workspace already holds, a preview of
 * every row — new, changed (field by field), unchanged, invalid (where and why) or skipped (why) — and the plan of
 * model writes that confirming it would make. Pure: no files, no documents, no clock.
 */
import { labelMessages } from '../i18n/labels';
import { reportMessages } from '../i18n/report';
import type { CalendarDate } from '../schema/common';
import { CATEGORIES, type Category, type ProjectKind } from '../schema/project';
import { STAGES, stageIndex, type Stage } from '../schema/stage';
import { endOfMonth } from '../calc/dates';
import { headerUnit, parseAmountWan, type AmountUnit } from './amount';
import { parseImportDate } from './date';
import { DATE_FIELDS, IMPORT_FIELDS, MONEY_FIELDS, REPORT_FIELDS, type ImportField } from './fields';
import { cellAt, cellText, sheetWidth, type Cell, type Sheet } from './grid';
import { findHeader, monthFromTexts, type HeaderColumn } from './header';
import type { ImportMessageKey } from '../i18n/import';
import { squeeze, toHalfWidth } from './text';

export type ImportKind = 'projects' | 'monthly';
export type RowStatus = 'new' | 'changed' | 'unchanged' | 'invalid' | 'skipped';
export type SkipReason = 'blank' | 'section' | 'subtotal' | 'total' | 'note';

/** Column index → field (null: not imported). */
export type ColumnMapping = Record<number, ImportField | null>;

export interface ExistingReport {
  month: string;
  completedWan: number;
  cumulativeWan: number;
  progress: string;
  issues: string;
}

/** What the engine compares a row with: a project's own fields and its 月报. */
export interface ExistingProject {
  id: string;
  code: string;
  name: string;
  kind: ProjectKind;
  content: string;
  totalInvestmentWan: number;
  annualPlanWan: number;
  plannedStart: string | null;
  plannedCompletion: string | null;
  leaderId: string | null;
  ownerId: string | null;
  unitId: string | null;
  serviceUnitId: string | null;
  countyId: string | null;
  category: Category;
  stage: Stage;
  /** 形象进度 (a project list's progress column sets it; a 月报's follows its latest report). */
  progressNote: string;
  archived: boolean;
  reports: readonly ExistingReport[];
  /**
   * Descriptions of the project's problems. The 月报 export appends open problems under 问题和建议; those lines are
   * tracked as problems already, so an import leaves them out of the report's own words.
   */
  problems?: readonly string[];
}

export interface ImportContext {
  projects: readonly ExistingProject[];
  members: ReadonlyArray<{ id: string; name: string; archived: boolean }>;
  units: ReadonlyArray<{ id: string; name: string; kind: string; archived: boolean }>;
}

export interface ImportOptions {
  /** Project list or 月报; by default a sheet with 月报 columns is a 月报. */
  kind?: ImportKind;
  /** The 月报 month (YYYY-MM), over the one the sheet's title names. */
  month?: string;
  /** The user's mapping (a remembered one or their changes), over the suggested one. */
  mapping?: ColumnMapping;
  /** Today in Asia/Shanghai: the date a stage read from the sheet is recorded as reached. */
  today: CalendarDate;
  /** Fresh project ids (tests inject seeded ones). */
  newId: () => string;
}

/** A message about one cell or row: which column (letter and header), what (a message key of shared/i18n/import.ts). */
export interface RowMessage {
  column: string;
  key: ImportMessageKey;
  params: Record<string, string | number>;
}

/** One field's change: old → new, as stored (money in 万元, dates YYYY-MM-DD, people and units by name). */
export interface FieldChange {
  field: ImportField;
  column: string;
  from: string | number | null;
  to: string | number | null;
}

export interface PreviewRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  status: RowStatus;
  code: string;
  name: string;
  /** The matched project (changed/unchanged), the new one's id (new), or null. */
  projectId: string | null;
  changes: FieldChange[];
  errors: RowMessage[];
  /** Why a row was skipped. */
  reason: SkipReason | null;
  /** What the user should know that does not block the row (month-only dates, unresolved names, 未报送). */
  notes: RowMessage[];
}

/** What a monthly row files: exactly the figures the sheet gives (one or both). */
export interface ReportWrite {
  month: string;
  completedWan?: number;
  cumulativeWan?: number;
  progress: string;
  issues: string;
}

/** Project fields an import writes, as the model names them. */
export interface ProjectWrite {
  code?: string;
  name?: string;
  kind?: ProjectKind;
  content?: string;
  totalInvestmentWan?: number;
  annualPlanWan?: number;
  plannedStart?: string;
  plannedCompletion?: string;
  leaderId?: string;
  ownerId?: string;
  unitId?: string;
  serviceUnitId?: string;
  countyId?: string;
  category?: Category;
  progressNote?: string;
}

export type ImportAction =
  | {
      type: 'create';
      row: number;
      projectId: string;
      project: ProjectWrite & { name: string };
      stage: Stage | null;
      stageDate: CalendarDate;
      report: ReportWrite | null;
    }
  | { type: 'update'; row: number; projectId: string; patch: ProjectWrite; stage: Stage | null; stageDate: CalendarDate; report: ReportWrite | null };

export interface ImportPreview {
  kind: ImportKind;
  month: string | null;
  /** Where the month came from. */
  monthSource: 'option' | 'sheet' | null;
  sheetName: string;
  titleLines: string[];
  /** 1-based header rows. */
  headerRows: number[];
  columns: HeaderColumn[];
  mapping: ColumnMapping;
  rows: PreviewRow[];
  counts: Record<RowStatus, number>;
  /** Names in 包联领导 / 责任单位 / 服务单位 / 县区 that match nobody in the workspace. */
  unresolved: { members: string[]; units: string[] };
  /** Problems with the whole sheet (no header, no month for a 月报): nothing can be imported until they are fixed. */
  sheetErrors: RowMessage[];
  /** The writes confirming would make, valid rows only. */
  actions: ImportAction[];
}

/** The suggested mapping of a header: each recognised field to its first column (a field is read from one column). */
export function suggestedMapping(columns: readonly HeaderColumn[]): ColumnMapping {
  const taken = new Set<ImportField>();
  const mapping: ColumnMapping = {};
  for (const c of columns) {
    const f = c.suggested;
    mapping[c.index] = f !== null && !taken.has(f) ? f : null;
    if (f !== null) taken.add(f);
  }
  return mapping;
}

const SECTION_RE = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])/;
// 历史存证 / History digest: the anchored-history line Guatu's own exports carry under the table
const NOTE_RE = /^(?:注|备注|说明|填报单位|填报人|填表人|填表单位|制表|审核人|联系人|联系电话|数据来源|单位负责人|历史存证|historydigest)/i;

function rowTexts(sheet: Sheet, row: number, width: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < width; c++) out.push(cellText(cellAt(sheet, row, c)));
  return out;
}

/** Why a row is not a project, or null when it is one. */
function skipReason(texts: readonly string[], nameText: string, codeText: string): SkipReason | null {
  const filled = texts.filter((s) => s !== '');
  if (filled.length === 0) return 'blank';
  const squeezed = filled.map(squeeze);
  const first = squeezed[0] ?? '';
  // Chinese forms, and the English export's "Total (n)" / "Subtotal (n)"
  if (squeezed.some((s) => /^(合计|总计|全市合计|全县合计|全区合计|总合计)/.test(s) || /^(grand)?total\b/i.test(s))) return 'total';
  if (squeezed.some((s) => /小计$|^小计/.test(s) || /^subtotal\b/i.test(s))) return 'subtotal';
  // "其中：省重点项目" lines under a section carry its sums, not a project
  if (codeText === '' && /^其中[:：]/.test(squeeze(nameText || first))) return 'subtotal';
  // a numbered row left empty (only its 序号)
  if (filled.length === 1 && /^\d+$/.test(first)) return 'blank';
  if (NOTE_RE.test(first) && nameText === '') return 'note';
  // a section heading may sit in the 项目编号 column when the form starts with it; a row with no name is no project
  if (SECTION_RE.test(first) && (codeText === '' || nameText === '' || SECTION_RE.test(squeeze(nameText)))) return 'section';
  if (nameText === '' && codeText === '' && filled.length === 1) return first.length > 30 ? 'note' : 'section';
  return null;
}

const zh = labelMessages['zh-CN'];
const en = labelMessages.en;

/** A label → value table from both languages' labels (e.g. category.industry: 工业 / Industry). */
function labelTable<V extends string>(prefix: string, values: readonly V[]): Map<string, V> {
  const table = new Map<string, V>();
  for (const v of values) {
    const key = `${prefix}.${v}` as keyof typeof zh;
    for (const text of [zh[key], en[key]]) if (text) table.set(squeeze(text).toLowerCase(), v);
    table.set(v.toLowerCase(), v);
  }
  return table;
}

const CATEGORY_LABELS = labelTable('category', CATEGORIES);
const STAGE_LABELS = labelTable('stage', STAGES);
const KIND_WORDS = new Map<string, ProjectKind>([
  ['新建', 'new'],
  ['新开工', 'new'],
  ['新建项目', 'new'],
  ['新开工项目', 'new'],
  ['new', 'new'],
  ['续建', 'continued'],
  ['续建项目', 'continued'],
  ['continued', 'continued'],
]);
const STAGE_WORDS = new Map<string, Stage>([
  ['储备', 'planning'],
  ['谋划', 'planning'],
  ['前期手续', 'preparation'],
  ['前期工作', 'preparation'],
  ['在建', 'started'],
  ['已开工', 'started'],
  ['续建', 'started'],
  ['已竣工', 'completed'],
  ['建成', 'completed'],
  ['已投产', 'operating'],
]);

/** 工业项目 / 工业类 / 一、工业项目（12个） → industry. */
export function categoryOf(text: string): Category | null {
  const s = squeeze(text)
    .replace(SECTION_RE, '')
    .replace(/[(（][^)）]*[)）]$/, '')
    .toLowerCase();
  for (const candidate of [s, s.replace(/(类项目|项目|类)$/, '')]) {
    const found = CATEGORY_LABELS.get(candidate);
    if (found) return found;
  }
  return null;
}

function stageOf(text: string): Stage | null {
  const s = squeeze(text).toLowerCase();
  return STAGE_LABELS.get(s) ?? STAGE_WORDS.get(s) ?? null;
}

/** The words the 月报 export writes for an unfiled report, in both languages, and the plain marker. */
const NOT_FILED_MARKS = new Set([
  '未报送',
  '未填报',
  '未报',
  squeeze(reportMessages['zh-CN']['report.notFiled']),
  squeeze(reportMessages.en['report.notFiled']),
]);

export function isNotFiledMark(text: string): boolean {
  const s = squeeze(text);
  return NOT_FILED_MARKS.has(s) || s.startsWith('未报送') || s === '否';
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
const sameMoney = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6;

/** A name as people type it, compared: no spaces, half-width. */
const nameKey = (s: string): string => squeeze(s);

interface Parsed {
  values: Partial<Record<ImportField, string | number>>;
  stage: Stage | null;
  notFiled: boolean;
  /** Fields whose cell could not be read (cross-checks leave them out). */
  failed: Set<ImportField>;
  errors: RowMessage[];
  notes: RowMessage[];
}

function columnName(c: HeaderColumn): string {
  return c.label ? `${c.letter}（${c.label}）` : c.letter;
}

/** Reads one row's mapped cells into typed values, with a message for each cell it cannot read. */
function parseRow(
  cells: (column: number) => Cell,
  columns: readonly HeaderColumn[],
  mapping: ColumnMapping,
  units: ReadonlyMap<number, AmountUnit | null>,
): Parsed {
  const out: Parsed = { values: {}, stage: null, notFiled: false, failed: new Set(), errors: [], notes: [] };
  const fail = (field: ImportField, message: RowMessage): void => {
    out.failed.add(field);
    out.errors.push(message);
  };
  for (const col of columns) {
    const field = mapping[col.index] ?? null;
    if (field === null || field === 'seq') continue;
    const cell = cells(col.index);
    const text = cellText(cell);
    // a formula saved without its result (written by a program, never opened in Excel) reads as empty: say why
    if (cell.formula && cell.type === 'empty') out.notes.push({ column: columnName(col), key: 'import.note.formulaNoResult', params: {} });
    if (field === 'remark') {
      // 备注 is not imported, but "未报送" written there marks the 月报 as not filed
      if (isNotFiledMark(text)) out.notFiled = true;
      continue;
    }
    const where = columnName(col);
    if (MONEY_FIELDS.has(field)) {
      const amount = parseAmountWan(cell, units.get(col.index) ?? null);
      if (!amount.ok)
        fail(field, { column: where, key: amount.reason === 'negative' ? 'import.err.negative' : 'import.err.notAmount', params: { value: text } });
      else if (amount.wan !== null) out.values[field] = amount.wan;
      continue;
    }
    if (DATE_FIELDS.has(field)) {
      const date = parseImportDate(cell);
      if (!date.ok) fail(field, { column: where, key: 'import.err.notDate', params: { value: text } });
      else if (date.date !== null) {
        out.values[field] = date.date;
        if (date.monthOnly) out.notes.push({ column: where, key: 'import.note.monthOnly', params: { value: text, date: date.date } });
      }
      continue;
    }
    if (text === '') continue;
    if (text.length > 20_000) {
      fail(field, { column: where, key: 'import.err.tooLong', params: {} });
      continue;
    }
    switch (field) {
      case 'kind': {
        const kind = KIND_WORDS.get(squeeze(text).toLowerCase());
        if (kind) out.values.kind = kind;
        else out.notes.push({ column: where, key: 'import.note.unknownKind', params: { value: text } });
        break;
      }
      case 'category': {
        const category = categoryOf(text);
        if (category) out.values.category = category;
        else
          out.notes.push({
            column: where,
            key: 'import.note.unknownCategory',
            params: { value: text, allowed: CATEGORIES.map((c) => zh[`category.${c}`]).join('、') },
          });
        break;
      }
      case 'stage': {
        const stage = stageOf(text);
        if (stage) out.stage = stage;
        else
          out.notes.push({ column: where, key: 'import.note.unknownStage', params: { value: text, allowed: STAGES.map((s) => zh[`stage.${s}`]).join('、') } });
        break;
      }
      case 'notFiled':
        if (isNotFiledMark(text)) out.notFiled = true;
        break;
      case 'progress':
        if (isNotFiledMark(text)) out.notFiled = true;
        else out.values.progress = text;
        break;
      case 'code':
        out.values.code = toHalfWidth(text).trim();
        break;
      default:
        out.values[field] = text;
    }
  }
  return out;
}

function emptyCounts(): Record<RowStatus, number> {
  return { new: 0, changed: 0, unchanged: 0, invalid: 0, skipped: 0 };
}

/** Builds the preview of importing `sheet` into the workspace described by `context`. */
export function buildPreview(sheet: Sheet, context: ImportContext, options: ImportOptions): ImportPreview {
  const header = findHeader(sheet);
  const base = {
    sheetName: sheet.name,
    unresolved: { members: [] as string[], units: [] as string[] },
    actions: [] as ImportAction[],
  };
  if (header === null) {
    return {
      ...base,
      kind: options.kind ?? 'projects',
      month: options.month ?? null,
      monthSource: options.month ? 'option' : null,
      titleLines: [],
      headerRows: [],
      columns: [],
      mapping: {},
      rows: [],
      counts: emptyCounts(),
      sheetErrors: [{ column: '', key: 'import.err.noHeader', params: {} }],
    };
  }
  const columns = header.columns;
  const mapping: ColumnMapping = { ...suggestedMapping(columns), ...(options.mapping ?? {}) };
  const mapped = new Map<ImportField, HeaderColumn>();
  for (const c of columns) {
    const f = mapping[c.index];
    if (f && !mapped.has(f)) mapped.set(f, c);
  }
  const kind: ImportKind = options.kind ?? ([...mapped.keys()].some((f) => REPORT_FIELDS.has(f)) ? 'monthly' : 'projects');
  const sheetMonth = monthFromTexts(
    header.titleLines,
    columns.map((c) => c.label),
  );
  const month = options.month ?? sheetMonth;
  const monthSource = options.month ? 'option' : sheetMonth ? 'sheet' : null;
  const sheetErrors: RowMessage[] = [];
  if (!mapped.has('name')) sheetErrors.push({ column: '', key: 'import.err.noNameColumn', params: {} });
  if (kind === 'monthly' && month === null) sheetErrors.push({ column: '', key: 'import.err.noMonth', params: {} });
  if (kind === 'monthly' && !mapped.has('cumulative') && !mapped.has('monthCompleted'))
    sheetErrors.push({ column: '', key: 'import.err.noFigureColumn', params: {} });

  const units = new Map<number, AmountUnit | null>(columns.map((c) => [c.index, headerUnit(c.label)]));
  const width = sheetWidth(sheet);

  // indexes of what exists
  const byCode = new Map<string, ExistingProject>();
  const byName = new Map<string, ExistingProject[]>();
  for (const p of context.projects) {
    if (p.code.trim() !== '') byCode.set(nameKey(p.code), p);
    const list = byName.get(nameKey(p.name)) ?? [];
    list.push(p);
    byName.set(nameKey(p.name), list);
  }
  const active = <T extends { archived: boolean }>(list: readonly T[]): T[] => [...list.filter((x) => !x.archived), ...list.filter((x) => x.archived)];
  const memberByName = new Map<string, string>();
  for (const m of active(context.members)) if (!memberByName.has(nameKey(m.name))) memberByName.set(nameKey(m.name), m.id);
  const unitByName = new Map<string, string>();
  const countyByName = new Map<string, string>();
  for (const u of active(context.units)) {
    if (!unitByName.has(nameKey(u.name))) unitByName.set(nameKey(u.name), u.id);
    if (u.kind === 'county' && !countyByName.has(nameKey(u.name))) countyByName.set(nameKey(u.name), u.id);
  }
  const memberName = new Map(context.members.map((m) => [m.id, m.name]));
  const unitName = new Map(context.units.map((u) => [u.id, u.name]));
  const unresolvedMembers = new Set<string>();
  const unresolvedUnits = new Set<string>();

  // the day a stage read from the sheet was reached: a 月报's month end (not later than today), else today
  const stageDate = kind === 'monthly' && month !== null && endOfMonth(month) < options.today ? endOfMonth(month) : options.today;
  const rows: PreviewRow[] = [];
  const actions: ImportAction[] = [];
  const seen = new Map<string, number>();
  let sectionCategory: Category | null = null;
  const nameCol = mapped.get('name');
  const codeCol = mapped.get('code');

  for (let r = header.dataStart; r < sheet.rows.length; r++) {
    const rowNumber = r + 1;
    const texts = rowTexts(sheet, r, width);
    const nameText = nameCol ? (texts[nameCol.index] ?? '') : '';
    const codeText = codeCol ? (texts[codeCol.index] ?? '') : '';
    const skip = skipReason(texts, nameText, codeText);
    const row: PreviewRow = {
      row: rowNumber,
      status: 'skipped',
      code: codeText,
      name: nameText,
      projectId: null,
      changes: [],
      errors: [],
      reason: skip,
      notes: [],
    };
    rows.push(row);
    if (skip !== null) {
      if (skip === 'section') sectionCategory = categoryOf(texts.find((s) => s !== '') ?? '') ?? sectionCategory;
      continue;
    }
    const parsed = parseRow((c) => cellAt(sheet, r, c), columns, mapping, units);
    row.notes.push(...parsed.notes);
    for (const col of columns) {
      const f = mapping[col.index];
      if (col.hidden && f && f !== 'seq' && f !== 'remark' && cellText(cellAt(sheet, r, col.index)) !== '')
        row.notes.push({ column: columnName(col), key: 'import.note.hidden', params: {} });
    }
    const errors = [...parsed.errors];
    if (nameText === '') errors.push({ column: nameCol ? columnName(nameCol) : '', key: 'import.err.nameMissing', params: {} });
    else if (nameText.length > 200) errors.push({ column: nameCol ? columnName(nameCol) : '', key: 'import.err.nameTooLong', params: {} });
    const v = parsed.values;

    // match: by 项目编号, then by exact name (only when one project has it)
    const code = typeof v.code === 'string' ? v.code : '';
    const byNameList = byName.get(nameKey(nameText)) ?? [];
    const byItsCode = code !== '' ? byCode.get(nameKey(code)) : undefined;
    const byItsName = byNameList.length === 1 ? byNameList[0] : undefined;
    // a project of the same name under another number is another project (道路提升工程 in two towns), not a renumbering
    const conflict = byItsCode === undefined && code !== '' && byItsName !== undefined && byItsName.code.trim() !== '' ? byItsName : undefined;
    const existing = byItsCode ?? (conflict ? undefined : byItsName);
    if (conflict)
      errors.push({ column: codeCol ? columnName(codeCol) : '', key: 'import.err.codeConflict', params: { code: conflict.code, name: conflict.name } });
    if (existing === undefined && code === '' && byNameList.length > 1)
      errors.push({ column: nameCol ? columnName(nameCol) : '', key: 'import.err.ambiguousName', params: { count: byNameList.length } });
    const identity = existing ? `id:${existing.id}` : code !== '' ? `code:${nameKey(code)}` : `name:${nameKey(nameText)}`;
    const firstRow = seen.get(identity);
    if (firstRow !== undefined) errors.push({ column: nameCol ? columnName(nameCol) : '', key: 'import.err.duplicateRow', params: { row: firstRow } });
    else seen.set(identity, rowNumber);
    if (existing?.archived) row.notes.push({ column: '', key: 'import.note.archived', params: {} });

    // people and units by name
    const resolve = (
      field: 'leader' | 'owner' | 'unit' | 'serviceUnit' | 'county',
      table: ReadonlyMap<string, string>,
      unresolved: Set<string>,
    ): string | undefined => {
      const text = v[field];
      if (typeof text !== 'string') return undefined;
      const id = table.get(nameKey(text));
      if (id === undefined) {
        unresolved.add(text);
        const col = mapped.get(field);
        row.notes.push({ column: col ? columnName(col) : '', key: 'import.note.unresolved', params: { name: text } });
      }
      return id;
    };
    const write: ProjectWrite = {};
    if (code !== '') write.code = code;
    if (nameText !== '') write.name = nameText.trim();
    if (v.kind !== undefined) write.kind = v.kind as ProjectKind;
    if (typeof v.content === 'string') write.content = v.content;
    if (kind === 'projects' && typeof v.progress === 'string') write.progressNote = v.progress;
    if (typeof v.totalInvestment === 'number') write.totalInvestmentWan = v.totalInvestment;
    if (typeof v.annualPlan === 'number') write.annualPlanWan = v.annualPlan;
    if (typeof v.plannedStart === 'string') write.plannedStart = v.plannedStart;
    if (typeof v.plannedCompletion === 'string') write.plannedCompletion = v.plannedCompletion;
    const leaderId = resolve('leader', memberByName, unresolvedMembers);
    if (leaderId) write.leaderId = leaderId;
    const ownerId = resolve('owner', memberByName, unresolvedMembers);
    if (ownerId) write.ownerId = ownerId;
    const unitId = resolve('unit', unitByName, unresolvedUnits);
    if (unitId) write.unitId = unitId;
    const serviceUnitId = resolve('serviceUnit', unitByName, unresolvedUnits);
    if (serviceUnitId) write.serviceUnitId = serviceUnitId;
    const countyId = resolve('county', countyByName, unresolvedUnits);
    if (countyId) write.countyId = countyId;
    if (v.category !== undefined) write.category = v.category as Category;
    else if (sectionCategory !== null && !existing) write.category = sectionCategory;

    // the project as it would be: plan figures and dates checked together
    const total = write.totalInvestmentWan ?? existing?.totalInvestmentWan ?? 0;
    const plan = write.annualPlanWan ?? existing?.annualPlanWan ?? 0;
    if (plan > total + 1e-6 && !parsed.failed.has('totalInvestment') && !parsed.failed.has('annualPlan')) {
      const col = mapped.get('annualPlan');
      errors.push({ column: col ? columnName(col) : '', key: 'import.err.annualPlanExceedsTotal', params: { plan, total } });
    }
    const start = write.plannedStart ?? existing?.plannedStart ?? null;
    const end = write.plannedCompletion ?? existing?.plannedCompletion ?? null;
    if (start && end && end < start && !parsed.failed.has('plannedStart') && !parsed.failed.has('plannedCompletion')) {
      const col = mapped.get('plannedCompletion');
      errors.push({ column: col ? columnName(col) : '', key: 'import.err.endBeforeStart', params: { start, end } });
    }

    // the 月报
    let report: ReportWrite | null = null;
    const reportChanges: FieldChange[] = [];
    if (kind === 'monthly' && month !== null && errors.length === 0) {
      const cumulative = typeof v.cumulative === 'number' ? v.cumulative : undefined;
      const completed = typeof v.monthCompleted === 'number' ? v.monthCompleted : undefined;
      // a sheet without a 本月进展 or 问题和建议 column keeps what the month's 月报 already says there
      const filedBefore = existing?.reports.find((x) => x.month === month);
      const progress = typeof v.progress === 'string' ? v.progress : mapped.has('progress') ? '' : (filedBefore?.progress ?? '').trim();
      const tracked = new Set((existing?.problems ?? []).map((d) => d.trim()));
      const issues =
        typeof v.issues === 'string'
          ? v.issues
              .split(/\r?\n/)
              .filter((line) => !tracked.has(line.trim()))
              .join('\n')
              .trim()
          : mapped.has('issues')
            ? ''
            : (filedBefore?.issues ?? '').trim();
      if (parsed.notFiled) {
        row.notes.push({ column: '', key: 'import.note.notFiled', params: { month } });
      } else if (cumulative === undefined && completed === undefined) {
        if (progress !== '' || issues !== '') row.notes.push({ column: '', key: 'import.note.noFigure', params: { month } });
      } else {
        const reports = existing?.reports ?? [];
        const previous = reports
          .filter((x) => x.month.slice(0, 4) === month.slice(0, 4) && x.month < month)
          .sort((a, b) => a.month.localeCompare(b.month))
          .at(-1);
        const later = reports
          .filter((x) => x.month.slice(0, 4) === month.slice(0, 4) && x.month > month)
          .sort((a, b) => a.month.localeCompare(b.month))
          .at(0);
        const before = previous?.cumulativeWan ?? 0;
        const cumCol = mapped.get('cumulative');
        const cumWhere = cumCol ? columnName(cumCol) : '';
        let cum: number;
        let done: number;
        if (cumulative !== undefined && completed !== undefined) {
          cum = cumulative;
          done = completed;
          if (cum + 1e-6 < done) errors.push({ column: cumWhere, key: 'import.err.cumulativeBelowMonth', params: { cumulative: cum, month: done } });
          else if ((previous !== undefined || month.endsWith('-01')) && !sameMoney(before + done, cum))
            errors.push({
              column: cumWhere,
              key: 'import.err.figuresMismatch',
              params: { cumulative: cum, month: done, previous: before, previousMonth: previous?.month ?? month },
            });
        } else if (cumulative !== undefined) {
          cum = cumulative;
          done = Math.max(0, round6(cum - before));
          if (cum + 1e-6 < before)
            errors.push({
              column: cumWhere,
              key: 'import.err.cumulativeDecreased',
              params: { cumulative: cum, previous: before, previousMonth: previous?.month ?? '' },
            });
        } else {
          done = completed ?? 0;
          cum = round6(before + done);
        }
        if (later && later.cumulativeWan + 1e-6 < cum)
          errors.push({
            column: cumWhere,
            key: 'import.err.cumulativeAboveLater',
            params: { cumulative: cum, later: later.cumulativeWan, laterMonth: later.month },
          });
        report = {
          month,
          progress,
          issues,
          ...(cumulative !== undefined ? { cumulativeWan: cumulative } : {}),
          ...(completed !== undefined ? { completedWan: completed } : {}),
        };
        const old = reports.find((x) => x.month === month);
        const add = (field: ImportField, from: string | number | null, to: string | number): void => {
          const col = mapped.get(field);
          reportChanges.push({ field, column: col ? columnName(col) : '', from, to });
        };
        if (!old || !sameMoney(old.cumulativeWan, cum)) add('cumulative', old?.cumulativeWan ?? null, cum);
        if (!old || !sameMoney(old.completedWan, done)) add('monthCompleted', old?.completedWan ?? null, done);
        if ((old?.progress ?? '').trim() !== progress && (old || progress !== '')) add('progress', old?.progress ?? null, progress);
        if ((old?.issues ?? '').trim() !== issues && (old || issues !== '')) add('issues', old?.issues ?? null, issues);
        if (old && reportChanges.length === 0) report = null;
      }
    }

    row.errors = errors;
    if (errors.length > 0) {
      row.status = 'invalid';
      row.reason = null;
      continue;
    }

    const display = (field: ImportField, value: unknown): string | number | null => {
      if (value === undefined || value === null) return null;
      if (field === 'leader' || field === 'owner') return memberName.get(String(value)) ?? String(value);
      if (field === 'unit' || field === 'serviceUnit' || field === 'county') return unitName.get(String(value)) ?? String(value);
      if (field === 'kind') return zh[`kind.${value as ProjectKind}`];
      if (field === 'category') return zh[`category.${value as Category}`];
      if (field === 'stage') return zh[`stage.${value as Stage}`];
      return value as string | number;
    };
    const FIELD_OF: Record<keyof ProjectWrite, ImportField> = {
      code: 'code',
      name: 'name',
      kind: 'kind',
      content: 'content',
      progressNote: 'progress',
      totalInvestmentWan: 'totalInvestment',
      annualPlanWan: 'annualPlan',
      plannedStart: 'plannedStart',
      plannedCompletion: 'plannedCompletion',
      leaderId: 'leader',
      ownerId: 'owner',
      unitId: 'unit',
      serviceUnitId: 'serviceUnit',
      countyId: 'county',
      category: 'category',
    };
    const changeOf = (key: keyof ProjectWrite, from: unknown, to: unknown): FieldChange => {
      const field = FIELD_OF[key];
      const col = mapped.get(field);
      return { field, column: col ? columnName(col) : '', from: display(field, from), to: display(field, to) };
    };

    if (!existing) {
      const projectId = options.newId();
      const changes: FieldChange[] = [];
      for (const [key, value] of Object.entries(write) as [keyof ProjectWrite, unknown][]) changes.push(changeOf(key, null, value));
      if (parsed.stage) {
        const col = mapped.get('stage');
        changes.push({ field: 'stage', column: col ? columnName(col) : '', from: null, to: display('stage', parsed.stage) });
      }
      changes.push(...reportChanges);
      row.status = 'new';
      row.projectId = projectId;
      row.changes = changes;
      actions.push({
        type: 'create',
        row: rowNumber,
        projectId,
        project: { ...write, name: nameText.trim() },
        stage: parsed.stage === 'planning' ? null : parsed.stage,
        stageDate,
        report,
      });
      continue;
    }

    const patch: ProjectWrite = {};
    const changes: FieldChange[] = [];
    for (const [key, value] of Object.entries(write) as [keyof ProjectWrite, unknown][]) {
      const old = existing[key];
      const same =
        typeof value === 'number' && typeof old === 'number'
          ? sameMoney(value, old)
          : key === 'name' || key === 'code'
            ? nameKey(String(old)) === nameKey(String(value))
            : typeof value === 'string' && typeof old === 'string'
              ? old.trim() === value.trim()
              : old === value;
      if (same) continue;
      (patch as Record<string, unknown>)[key] = value;
      changes.push(changeOf(key, old, value));
    }
    // A 月报's 建设阶段 is the stage at that month's end: it moves a project forward, never back past later moves.
    const stage =
      parsed.stage !== null && parsed.stage !== existing.stage && (kind === 'projects' || stageIndex(parsed.stage) > stageIndex(existing.stage))
        ? parsed.stage
        : null;
    if (stage) {
      const col = mapped.get('stage');
      changes.push({ field: 'stage', column: col ? columnName(col) : '', from: display('stage', existing.stage), to: display('stage', stage) });
    }
    changes.push(...reportChanges);
    row.projectId = existing.id;
    row.changes = changes;
    row.status = changes.length > 0 ? 'changed' : 'unchanged';
    if (changes.length > 0) actions.push({ type: 'update', row: rowNumber, projectId: existing.id, patch, stage, stageDate, report });
  }

  const counts = emptyCounts();
  for (const row of rows) counts[row.status]++;
  if (sheetErrors.length > 0) actions.length = 0;
  return {
    ...base,
    kind,
    month,
    monthSource,
    titleLines: header.titleLines,
    headerRows: header.headerRows.map((r) => r + 1),
    columns,
    mapping,
    rows,
    counts,
    unresolved: { members: [...unresolvedMembers], units: [...unresolvedUnits] },
    sheetErrors,
    actions,
  };
}

/** Every field, for a mapping picker (seq and remark mean "not imported" too, but are named). */
export const MAPPABLE_FIELDS: readonly ImportField[] = IMPORT_FIELDS;
