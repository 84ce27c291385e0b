import { CIRCULAR_UNIT_METRICS, type CircularEntry, type MonthlyCircular } from '../../../shared/calc/circular';
import { endOfMonth, minDate, monthNumber, monthOf, yearOf, yearRange } from '../../../shared/calc/dates';
import { ANCHOR_UNAVAILABLE, anchorNote, type AnchorStatus } from '../../../shared/history/anchor-note';
import { sumAnnualPlan, sumInvestment } from '../../../shared/calc/metrics/investment-sum';
import { sectionNumeral } from '../../../shared/calc/monthly-report-rows';
import { expectedShare, goalGapText, paceGap } from '../../../shared/calc/pace';
import type { Ranking, RankingMetric } from '../../../shared/calc/rankings';
import { computeRate } from '../../../shared/calc/rates';
import { targetMeasure } from '../../../shared/calc/target-value';
import { trustedRows } from '../../../shared/calc/trusted-rows';
import { t } from '../../../shared/i18n';
import type { WorkspaceData } from '../../../shared/schema/bundle';
import type { CalendarDate, Id, Locale, Month } from '../../../shared/schema/common';
import type { Stage } from '../../../shared/schema/stage';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { UnitKind } from '../../../shared/schema/unit';
import { draftCircular } from '../board/circular-sections';

/** A table cell: text, or a figure with the format it is read in (亿元 with two decimals, a share as a percentage). */
export type DocCell = string | { value: number; format: 'percent' | 'yi' | 'count' };

export type DocBlock =
  | { kind: 'paragraph'; text: string }
  /** A sub-heading inside a chapter: （一）县区. */
  | { kind: 'heading'; text: string }
  | { kind: 'table'; header: string[]; rows: DocCell[][] }
  | { kind: 'note'; text: string }
  /** Text the 项目办 writes before issuing; `text` is what will be issued (saved text, or the generated draft). */
  | { kind: 'editable'; field: NoteField; text: string; placeholder: string };

/** The chapters the 项目办 words themselves: 存在问题 (a generated draft to edit) and 下步工作. */
export const NOTE_FIELDS = ['problems', 'nextSteps'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

export type ChapterKey = 'overview' | 'indicators' | 'rankings' | 'problems' | 'nextSteps' | 'praiseCriticism';

export interface DocChapter {
  key: ChapterKey;
  /** "一、总体情况". */
  heading: string;
  blocks: DocBlock[];
}

/** The monthly 通报 as a document (公文): 红头 issuer, 文号, title, date, numbered chapters. */
export interface CircularDocument {
  month: Month;
  issuer: string;
  number: string;
  title: string;
  date: string;
  chapters: DocChapter[];
  /** Under the signature: the latest signed history digest (fingerprint, time) or that none was obtained (#13). */
  anchor: string;
}

/** What the 项目办 wrote for the month (persisted by the page); absent fields fall back to the generated draft. */
export type CircularNotes = Partial<Record<NoteField, string>>;

/** How many names a condensed line carries before "等 N 个". */
export const NAMES_PER_LINE = 5;
/** Top and bottom places a ranking shows, and the most units named for one first or last place. */
export const RANK_PLACES = 3;

const UNIT_KINDS: readonly UnitKind[] = ['county', 'department', 'taskForce'];

/** A cell as text: 亿元 and percentages with two decimals. */
export function cellText(cell: DocCell): string {
  if (typeof cell === 'string') return cell;
  switch (cell.format) {
    case 'percent':
      return `${(cell.value * 100).toFixed(2)}%`;
    case 'yi':
      return cell.value.toFixed(2);
    case 'count':
      return String(cell.value);
  }
}

const percent = (share: number): string => `${(share * 100).toFixed(2)}%`;
const yi = (wan: number): string => (wan / 10_000).toFixed(2);

/** "超序时进度 5.90 个百分点" / "落后序时进度 3.10 个百分点" / "与序时进度持平" (the campaign's standard wording). */
export function paceWords(locale: Locale, gapPoints: number): string {
  const points = Math.abs(gapPoints).toFixed(2);
  if (gapPoints > 0) return t(locale, 'circular.doc.ahead', { points });
  if (gapPoints < 0) return t(locale, 'circular.doc.behind', { points });
  return t(locale, 'circular.doc.onPace');
}

/** Names joined with 、, at most `limit` of them, then "等 N 个" (or "等 N 人" for people). */
export function nameList(names: readonly string[], locale: Locale, limit = NAMES_PER_LINE, people = false): string {
  const separator = locale === 'zh-CN' ? '、' : ', ';
  if (names.length <= limit) return names.join(separator);
  return t(locale, people ? 'circular.doc.andMorePeople' : 'circular.doc.andMore', { names: names.slice(0, limit).join(separator), count: names.length });
}

/** The first RANK_PLACES names, for "其中A、B、C差距较大" (the count is said beside them). */
function firstNames(list: readonly { name: string }[], locale: Locale): string {
  return list
    .slice(0, RANK_PLACES)
    .map((x) => x.name)
    .join(locale === 'zh-CN' ? '、' : ', ');
}

/** "名称（30.90%）" / "name (30.90%)". */
function withValue(name: string, value: string, locale: Locale): string {
  return locale === 'zh-CN' ? `${name}（${value}）` : `${name} (${value})`;
}

/** 一是… 二是… (1. 2. in English). */
function ordinal(index: number, locale: Locale): string {
  const numeral = sectionNumeral(index, locale).replace(/、|\. $/, '');
  return locale === 'zh-CN' ? t(locale, 'circular.doc.ordinal', { n: numeral }) : `${index + 1}. `;
}

function metricValue(metric: RankingMetric, value: number): string {
  return metric === 'paceGap' ? value.toFixed(2) : percent(value);
}

interface KindRanking {
  metric: RankingMetric;
  /** Valued entries of the units of one kind, best first. */
  entries: { id: Id; name: string; value: number }[];
}

/**
 * The unit rankings split by kind of unit (县区, 部门, 行业专班 are not compared with each other), best first.
 * shared/calc/rankings.ts ranks all units together today; the split is made here, on the valued entries.
 */
export function rankingsByUnitKind(rankings: readonly Ranking[], workspace: WorkspaceData): { kind: UnitKind; count: number; rankings: KindRanking[] }[] {
  const kindOf = new Map(workspace.units.map((u) => [u.id, u.kind]));
  const out: { kind: UnitKind; count: number; rankings: KindRanking[] }[] = [];
  for (const kind of UNIT_KINDS) {
    const ids = new Set<Id>();
    const byMetric = rankings.map((ranking): KindRanking => {
      const entries = ranking.entries.flatMap((e) => {
        if (kindOf.get(e.id) !== kind) return [];
        ids.add(e.id);
        return e.value === null ? [] : [{ id: e.id, name: e.name, value: e.value }];
      });
      entries.sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { metric: ranking.metric, entries };
    });
    if (ids.size > 0) out.push({ kind, count: ids.size, rankings: byMetric });
  }
  return out;
}

/** The units sharing the best (or worst) value, when the field is not all level and there are two to compare. */
function place(ranking: KindRanking, which: 'top' | 'bottom'): { value: number; names: { id: Id; name: string }[] } | null {
  const { entries } = ranking;
  if (entries.length < 2) return null;
  const best = entries[0]?.value ?? 0;
  const worst = entries.at(-1)?.value ?? 0;
  if (best === worst) return null;
  const value = which === 'top' ? best : worst;
  return { value, names: entries.filter((e) => e.value === value) };
}

/** One cell of the ranking table: the top (or bottom) places, ties over RANK_PLACES said as a count, not named. */
function placesText(ranking: KindRanking, which: 'top' | 'bottom', locale: Locale): string {
  const { entries } = ranking;
  if (entries.length < 2) return which === 'top' ? t(locale, 'circular.doc.rankings.tooFew') : '—';
  const separator = locale === 'zh-CN' ? '、' : ', ';
  const k = Math.min(RANK_PLACES, Math.floor(entries.length / 2));
  const best = entries[0]?.value ?? 0;
  const worst = entries.at(-1)?.value ?? 0;
  const extreme = which === 'top' ? best : worst;
  const tied = entries.filter((e) => e.value === extreme);
  // All level: one "N 个单位并列" under the top places, nothing under the bottom ones.
  if (best === worst)
    return which === 'top' ? t(locale, 'circular.doc.rankings.tied', { count: entries.length, value: metricValue(ranking.metric, extreme) }) : '—';
  if (tied.length > RANK_PLACES) return t(locale, 'circular.doc.rankings.tied', { count: tied.length, value: metricValue(ranking.metric, extreme) });
  const picked = which === 'top' ? entries.slice(0, k) : entries.slice(entries.length - k);
  return picked.map((e) => withValue(e.name, metricValue(ranking.metric, e.value), locale)).join(separator);
}

interface Figures {
  count: number;
  totalWan: number;
  planWan: number;
  doneWan: number;
  monthDoneWan: number;
  share: number;
  expected: number;
  gap: number;
}

function figuresOf(workspace: WorkspaceData, rows: readonly SummaryRow[], month: Month, judged: CalendarDate): Figures {
  const trusted = trustedRows(rows, workspace).filter((r) => !r.archived);
  const period = yearRange(workspace.campaign.year);
  const planWan = sumAnnualPlan(trusted);
  const doneWan = sumInvestment(trusted, period, judged);
  const share = planWan > 0 ? doneWan / planWan : 0;
  const expected = expectedShare(period, judged, workspace.campaign.pace);
  return {
    count: trusted.length,
    totalWan: trusted.reduce((sum, r) => sum + r.totalInvestmentWan, 0),
    planWan,
    doneWan,
    monthDoneWan: trusted.reduce((sum, r) => sum + (r.completedByMonth[month] ?? 0), 0),
    share,
    expected,
    gap: paceGap(share, expected),
  };
}

function entriesOf(list: readonly CircularEntry[], key: CircularEntry['reasonKey']): CircularEntry[] {
  return list.filter((e) => e.reasonKey === key);
}

/**
 * Target lines, condensed: the units, then the people, with targets ahead of pace (or on red), one line each, naming at
 * most NAMES_PER_LINE — furthest from pace first, each with its furthest target. The workspace's own targets are not
 * praised or criticised here (they are in 主要指标完成情况 and 存在问题: the office does not praise itself).
 */
function targetLines(entries: readonly CircularEntry[], which: 'praise' | 'criticise', locale: Locale): string[] {
  const lines: string[] = [];
  for (const kind of ['unit', 'member'] as const) {
    const furthest = new Map<Id, CircularEntry>();
    for (const e of entries.filter((x) => x.kind === kind)) {
      const seen = furthest.get(e.id);
      const points = Number(e.params.points ?? 0);
      if (!seen || (which === 'praise' ? points > Number(seen.params.points ?? 0) : points < Number(seen.params.points ?? 0))) furthest.set(e.id, e);
    }
    if (furthest.size === 0) continue;
    const sorted = [...furthest.values()].sort((a, b) => (Number(a.params.points ?? 0) - Number(b.params.points ?? 0)) * (which === 'praise' ? -1 : 1));
    // Units with their furthest gap; people by name only (the board has each one's figures).
    const names = sorted.map((e) => {
      if (kind === 'member') return e.name;
      const pace = paceWords(locale, Number(e.params.points ?? 0));
      return locale === 'zh-CN' ? `${e.name}（${pace}）` : `${e.name} (${pace})`;
    });
    const key =
      kind === 'unit'
        ? which === 'praise'
          ? 'circular.doc.praise.unitTargets'
          : 'circular.doc.criticise.unitTargets'
        : which === 'praise'
          ? 'circular.doc.praise.memberTargets'
          : 'circular.doc.criticise.memberTargets';
    lines.push(t(locale, key, { count: sorted.length, names: nameList(names, locale, NAMES_PER_LINE, kind === 'member') }));
  }
  return lines;
}

/** Units first (or last) in a kind's rankings: one line per unit with every metric it leads (or trails). */
function unitPlaceLines(byKind: ReturnType<typeof rankingsByUnitKind>, which: 'top' | 'bottom', locale: Locale): string[] {
  const lines: string[] = [];
  const separator = locale === 'zh-CN' ? '、' : ', ';
  for (const { kind, rankings } of byKind) {
    const metricsOf = new Map<Id, { name: string; metrics: string[] }>();
    for (const ranking of rankings) {
      const p = place(ranking, which);
      // Named only when few share the place, and a first place shows something (a positive value).
      if (!p || p.names.length > RANK_PLACES || (which === 'top' && p.value <= 0)) continue;
      for (const n of p.names) {
        const seen = metricsOf.get(n.id) ?? { name: n.name, metrics: [] };
        seen.metrics.push(withValue(t(locale, `calc.name.${ranking.metric}`), metricValue(ranking.metric, p.value), locale));
        metricsOf.set(n.id, seen);
      }
    }
    for (const u of metricsOf.values()) {
      lines.push(
        t(locale, which === 'top' ? 'circular.doc.praise.unitTop' : 'circular.doc.criticise.unitBottom', {
          name: u.name,
          metrics: u.metrics.join(separator),
          kind: t(locale, `unitKind.${kind}`),
        }),
      );
    }
  }
  return lines;
}

/** Praise, condensed by rule: a line per unit (all its first places together), per subject of targets, per stage, per metric of leaders. */
export function praiseLines(circular: MonthlyCircular, workspace: WorkspaceData, locale: Locale): string[] {
  const lines = unitPlaceLines(rankingsByUnitKind(circular.unitRankings, workspace), 'top', locale);
  lines.push(...targetLines(entriesOf(circular.praised, 'circular.praise.targetAhead'), 'praise', locale));
  const stages = entriesOf(circular.praised, 'circular.praise.projectStage');
  for (const stage of ['started', 'completed', 'operating', 'fullProduction'] as const) {
    const names = stages.filter((e) => e.params.stage === stage).map((e) => e.name);
    if (names.length > 0)
      lines.push(t(locale, 'circular.doc.praise.stage', { stage: t(locale, `stage.${stage}`), count: names.length, names: nameList(names, locale) }));
  }
  for (const ranking of circular.memberRankings) {
    const entries = ranking.entries.flatMap((e) => (e.value === null ? [] : [{ id: e.id, name: e.name, value: e.value }])).sort((a, b) => b.value - a.value);
    const p = place({ metric: ranking.metric, entries }, 'top');
    if (!p || p.names.length > RANK_PLACES || p.value <= 0) continue;
    lines.push(
      t(locale, 'circular.doc.praise.members', {
        metric: t(locale, `calc.name.${ranking.metric}`),
        names: p.names.map((n) => withValue(n.name, metricValue(ranking.metric, p.value), locale)).join(locale === 'zh-CN' ? '、' : ', '),
      }),
    );
  }
  return lines;
}

/**
 * Criticism, condensed by rule: units only (the unit answers, no person is named), a line per unit with all its last
 * places, red targets per subject, the 督办 problems in one line (the longest overdue named), missing 月报 in one line
 * by unit (the most missing named).
 */
export function criticismLines(circular: MonthlyCircular, workspace: WorkspaceData, asOf: CalendarDate, locale: Locale): string[] {
  const lines = unitPlaceLines(rankingsByUnitKind(circular.unitRankings, workspace), 'bottom', locale);
  lines.push(...targetLines(entriesOf(circular.criticised, 'circular.criticise.targetRed'), 'criticise', locale));
  const supervised = entriesOf(circular.criticised, 'circular.criticise.problemSupervised');
  if (supervised.length > 0) {
    const byProject = new Map<Id, { name: string; days: number }>();
    for (const e of supervised) {
      const days = Number(e.params.days ?? 0);
      const seen = byProject.get(e.id);
      if (!seen || days > seen.days) byProject.set(e.id, { name: e.name, days });
    }
    const names = [...byProject.values()]
      .sort((a, b) => b.days - a.days)
      .map((p) => (locale === 'zh-CN' ? `${p.name}（逾期 ${p.days} 天）` : `${p.name} (${p.days} days late)`));
    lines.push(t(locale, 'circular.doc.criticise.supervised', { count: supervised.length, names: nameList(names, locale) }));
  }
  const missing = unitsMissingReports(circular);
  if (asOf > circular.reportDue && missing.length > 0) {
    const count = missing.reduce((sum, u) => sum + u.count, 0);
    const names = missing.map((u) => (locale === 'zh-CN' ? `${u.name}（${u.count} 个）` : `${u.name} (${u.count})`));
    lines.push(t(locale, 'circular.doc.criticise.notFiled', { month: monthNumber(circular.month), count, names: nameList(names, locale) }));
  }
  return lines;
}

/** Units with missing 月报 of the month, most missing first. */
function unitsMissingReports(circular: MonthlyCircular): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const n of circular.notFiled) {
    const name = n.unitName || n.ownerName || n.projectName;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}

/** Units behind 序时 on investment, furthest behind first. */
function unitsBehindPace(circular: MonthlyCircular, expected: number): { name: string; gap: number }[] {
  const ranking = circular.unitRankings.find((r) => r.metric === 'investmentShare');
  if (!ranking) return [];
  return ranking.entries
    .flatMap((e) => (e.value === null ? [] : [{ name: e.name, gap: paceGap(e.value, expected) }]))
    .filter((e) => e.gap < 0)
    .sort((a, b) => a.gap - b.gap);
}

function stageReachedIn(rows: readonly SummaryRow[], stage: Stage, month: Month): number {
  return rows.filter((r) => !r.archived && r.stageDates[stage] !== undefined && monthOf(r.stageDates[stage] as string) === month).length;
}

export interface CircularDocumentInput {
  workspace: WorkspaceData;
  rows: readonly SummaryRow[];
  month: Month;
  /** The board's day: the circular is judged at min(asOf, the month's end) and dated asOf. */
  asOf: CalendarDate;
  locale: Locale;
  notes?: CircularNotes;
  /** The latest signed history digest as the server gave it; absent: not asked (未取得). */
  anchor?: AnchorStatus;
}

/** The generated draft of 下步工作, from what the month shows (the 项目办 edits it before issuing). */
export function draftNextSteps(circular: MonthlyCircular, expected: number, locale: Locale): string {
  const steps: string[] = [];
  const behind = unitsBehindPace(circular, expected);
  if (behind.length > 0) steps.push(t(locale, 'circular.doc.nextSteps.pace', { names: firstNames(behind, locale) }));
  const supervised = entriesOf(circular.criticised, 'circular.criticise.problemSupervised').length;
  if (supervised > 0) steps.push(t(locale, 'circular.doc.nextSteps.supervised', { count: supervised }));
  if (circular.notFiled.length > 0) steps.push(t(locale, 'circular.doc.nextSteps.reports', { month: monthNumber(circular.month) }));
  steps.push(t(locale, 'circular.doc.nextSteps.default'));
  return steps.map((s, i) => `${ordinal(i, locale)}${s}`).join('\n');
}

/**
 * The month's 通报 as a document, condensed for people to read: 总体情况 (key figures against 序时), 主要指标完成情况
 * (one table), 排名情况 (per kind of unit, top and bottom three), 存在问题, 下步工作 (the 项目办's text), 表扬和通报批评
 * (condensed by rule). The printable page, the .docx and the xlsx all write this one document.
 */
export function circularDocument({ workspace, rows, month, asOf, locale, notes = {}, anchor = ANCHOR_UNAVAILABLE }: CircularDocumentInput): CircularDocument {
  const circular = draftCircular(workspace, rows, month, asOf);
  const judged = minDate(asOf, endOfMonth(month));
  const f = figuresOf(workspace, rows, month, judged);
  const m = monthNumber(month);
  const period = yearRange(workspace.campaign.year);
  const active = rows.filter((r) => !r.archived);
  const chapters: DocChapter[] = [];
  const chapter = (key: ChapterKey, blocks: DocBlock[]): void => {
    chapters.push({ key, heading: `${sectionNumeral(chapters.length, locale)}${t(locale, `circular.doc.chapter.${key}`)}`, blocks });
  };

  // 一、总体情况
  const starts = computeRate('startRate', active, period, judged);
  const problems = computeRate('problemResolutionRate', active, period, judged);
  const supervised = entriesOf(circular.criticised, 'circular.criticise.problemSupervised');
  const filed = active.filter((r) => r.completedByMonth[month] !== undefined).length;
  const overview: DocBlock[] = [
    {
      kind: 'paragraph',
      text: t(locale, 'circular.doc.overview.investment', {
        month: m,
        workspace: workspace.name,
        count: f.count,
        total: yi(f.totalWan),
        plan: yi(f.planWan),
        done: yi(f.doneWan),
        share: percent(f.share),
        pace: paceWords(locale, f.gap),
        expected: percent(f.expected),
        monthDone: yi(f.monthDoneWan),
      }),
    },
    {
      kind: 'paragraph',
      text: t(locale, 'circular.doc.overview.stages', {
        month: m,
        plannedStarts: starts.denominator,
        starts: starts.numerator,
        startRate: starts.rate === null ? '—' : percent(starts.rate),
        startedInMonth: stageReachedIn(active, 'started', month),
        completedInMonth: stageReachedIn(active, 'completed', month),
        operatingInMonth: stageReachedIn(active, 'operating', month),
      }),
    },
    {
      kind: 'paragraph',
      text: t(locale, 'circular.doc.overview.reports', {
        month: m,
        count: active.length,
        filed,
        notFiled: active.length - filed,
        raised: problems.denominator,
        resolved: problems.numerator,
        resolutionRate: problems.rate === null ? '—' : percent(problems.rate),
        supervised: supervised.length,
      }),
    },
  ];
  if (circular.targetSummary.length > 0) {
    const behind = circular.targetSummary.filter((c) => c.gapPoints < 0).length;
    overview.push({
      kind: 'paragraph',
      text: t(locale, 'circular.doc.overview.targets', {
        count: circular.targetSummary.length,
        onPace: circular.targetSummary.length - behind,
        behind,
        red: circular.targetSummary.filter((c) => c.light === 'red').length,
      }),
    });
  }
  chapter('overview', overview);

  // 二、主要指标完成情况
  const metricKind = new Map(workspace.targets.map((target) => [target.id, target.metric.kind]));
  const unitLabel = new Map(workspace.targets.map((target) => [target.id, targetMeasure(target).unitLabel]));
  const indicatorRows: DocCell[][] = [
    [
      { value: 1, format: 'count' },
      t(locale, 'circular.doc.indicator.investment'),
      { value: f.planWan / 10_000, format: 'yi' },
      { value: f.doneWan / 10_000, format: 'yi' },
      { value: f.share, format: 'percent' },
      { value: f.expected, format: 'percent' },
      paceWords(locale, f.gap),
      '—',
    ],
  ];
  // a rate target (no 序时: expectedShare null) counts once it has a value
  const begun = circular.targetSummary.filter((c) => (c.expectedShare ?? 0) > 0 || c.actual !== 0);
  for (const c of begun.filter((x) => x.scope === 'workspace')) {
    const money = metricKind.get(c.targetId) === 'investmentSum';
    const figure = (n: number): DocCell => (money ? { value: n / 10_000, format: 'yi' } : { value: Math.round(n * 100) / 100, format: 'count' });
    const title = money ? (c.title.includes('（万元）') ? c.title.replace('（万元）', '（亿元）') : `${c.title}（亿元）`) : c.title;
    indicatorRows.push([
      { value: indicatorRows.length + 1, format: 'count' },
      locale === 'zh-CN' ? title : title.replace('（亿元）', ' (亿元)'),
      figure(c.goal),
      figure(c.actual),
      { value: c.share, format: 'percent' },
      c.expectedShare === null ? '—' : { value: c.expectedShare, format: 'percent' },
      c.expectedShare === null ? goalGapText(locale, c.gapPoints, unitLabel.get(c.targetId) ?? '') : paceWords(locale, c.gapPoints),
      t(locale, `light.${c.light}`),
    ]);
  }
  // Targets of units and of people: one summary row each (the board lists them one by one).
  for (const scope of ['unit', 'member'] as const) {
    const scoped = begun.filter((c) => c.scope === scope);
    if (scoped.length === 0) continue;
    const behindCount = scoped.filter((c) => c.gapPoints < 0).length;
    indicatorRows.push([
      { value: indicatorRows.length + 1, format: 'count' },
      t(locale, 'circular.doc.indicator.scoped', { scope: t(locale, `circular.doc.scope.${scope}`), count: scoped.length }),
      '—',
      '—',
      '—',
      '—',
      t(locale, 'circular.doc.indicator.scopedGap', {
        onPace: scoped.length - behindCount,
        behind: behindCount,
        red: scoped.filter((c) => c.light === 'red').length,
      }),
      '—',
    ]);
  }
  chapter('indicators', [
    {
      kind: 'table',
      header: (['seq', 'indicator', 'goal', 'actual', 'share', 'expected', 'gap', 'light'] as const).map((k) => t(locale, `circular.doc.col.${k}`)),
      rows: indicatorRows,
    },
  ]);

  // 三、排名情况 (per kind of unit)
  const byKind = rankingsByUnitKind(circular.unitRankings, workspace);
  const rankingBlocks: DocBlock[] = [];
  byKind.forEach(({ kind, count, rankings }, i) => {
    rankingBlocks.push({
      kind: 'heading',
      text: t(locale, 'circular.doc.rankings.kind', {
        number: locale === 'zh-CN' ? sectionNumeral(i, locale).replace('、', '') : String(i + 1),
        kind: t(locale, `unitKind.${kind}`),
        count,
      }),
    });
    rankingBlocks.push({
      kind: 'table',
      header: [t(locale, 'circular.doc.col.metric'), t(locale, 'circular.doc.col.top'), t(locale, 'circular.doc.col.bottom')],
      rows: rankings.map((r) => [t(locale, `calc.name.${r.metric}`), placesText(r, 'top', locale), placesText(r, 'bottom', locale)]),
    });
  });
  if (rankingBlocks.length === 0) rankingBlocks.push({ kind: 'paragraph', text: t(locale, 'circular.doc.rankings.none') });
  else
    rankingBlocks.push({
      kind: 'note',
      text: t(locale, 'circular.doc.rankings.note', {
        formulas: CIRCULAR_UNIT_METRICS.map((metric) => t(locale, `calc.formula.${metric}` as const)).join(locale === 'zh-CN' ? '；' : '; '),
      }),
    });
  chapter('rankings', rankingBlocks);

  // 四、存在问题
  const issues: string[] = [];
  const behindUnits = unitsBehindPace(circular, f.expected);
  if (behindUnits.length > 0)
    issues.push(
      t(locale, 'circular.doc.problem.pace', {
        pace: paceWords(locale, f.gap),
        count: behindUnits.length,
        names: firstNames(behindUnits, locale),
      }),
    );
  else if (f.gap < 0) issues.push(t(locale, 'circular.doc.problem.paceWorkspace', { pace: paceWords(locale, f.gap) }));
  const red = circular.targetSummary.filter((c) => c.light === 'red');
  if (red.length > 0)
    issues.push(
      t(locale, 'circular.doc.problem.targets', {
        names: nameList(
          red.map((c) => (locale === 'zh-CN' ? `“${c.title}”` : `"${c.title}"`)),
          locale,
        ),
      }),
    );
  if (supervised.length > 0)
    issues.push(
      t(locale, 'circular.doc.problem.supervised', {
        count: supervised.length,
        projects: new Set(supervised.map((e) => e.id)).size,
        days: Math.max(...supervised.map((e) => Number(e.params.days ?? 0))),
      }),
    );
  if (asOf > circular.reportDue && circular.notFiled.length > 0)
    issues.push(t(locale, 'circular.doc.problem.notFiled', { count: circular.notFiled.length, month: m, units: unitsMissingReports(circular).length }));
  const problemsDraft = (issues.length > 0 ? issues.map((text, i) => `${ordinal(i, locale)}${text}`) : [t(locale, 'circular.doc.problem.none')]).join('\n');
  chapter('problems', [
    {
      kind: 'editable',
      field: 'problems',
      text: notes.problems !== undefined ? notes.problems : problemsDraft,
      placeholder: t(locale, 'circular.doc.problems.placeholder'),
    },
  ]);

  // 五、下步工作 (the 项目办's words; the generated draft until they write theirs)
  const saved = notes.nextSteps;
  chapter('nextSteps', [
    {
      kind: 'editable',
      field: 'nextSteps',
      text: saved !== undefined ? saved : draftNextSteps(circular, f.expected, locale),
      placeholder: t(locale, 'circular.doc.nextSteps.placeholder'),
    },
  ]);

  // 六、表扬和通报批评 (condensed by rule)
  const praise = praiseLines(circular, workspace, locale);
  const criticism = criticismLines(circular, workspace, asOf, locale);
  const listed = (lines: readonly string[]): DocBlock[] =>
    lines.length > 0
      ? lines.map((text, i) => ({ kind: 'paragraph', text: `${i + 1}. ${text}` }))
      : [{ kind: 'paragraph', text: t(locale, 'circular.doc.none') }];
  chapter('praiseCriticism', [
    { kind: 'heading', text: locale === 'zh-CN' ? `（一）${t(locale, 'circular.doc.praise')}` : `(1) ${t(locale, 'circular.doc.praise')}` },
    ...listed(praise),
    { kind: 'heading', text: locale === 'zh-CN' ? `（二）${t(locale, 'circular.doc.criticism')}` : `(2) ${t(locale, 'circular.doc.criticism')}` },
    ...listed(criticism),
  ]);

  return {
    month,
    issuer: t(locale, 'circular.doc.issuer', { workspace: workspace.name }),
    number: t(locale, 'circular.doc.number', { year: yearOf(month), month: m }),
    title: t(locale, circular.title.key, circular.title.params),
    date: t(locale, 'circular.doc.date', { year: yearOf(asOf), month: monthNumber(asOf), day: Number(asOf.slice(8, 10)) }),
    chapters,
    anchor: anchorNote(locale, anchor),
  };
}

/** The document as plain text lines, chapter by chapter (tests, and the CSV export). */
export function documentLines(doc: CircularDocument): string[][] {
  const lines: string[][] = [[doc.issuer], [doc.number], [doc.title], [doc.date]];
  for (const c of doc.chapters) {
    lines.push([], [c.heading]);
    for (const b of c.blocks) {
      if (b.kind === 'table') {
        lines.push(b.header);
        for (const row of b.rows) lines.push(row.map(cellText));
      } else lines.push([b.text]);
    }
  }
  lines.push([], [doc.anchor]);
  return lines;
}

/** The document with the 项目办's current words in place of what it was built with (the print page's live text). */
export function withNotes(doc: CircularDocument, notes: CircularNotes): CircularDocument {
  return {
    ...doc,
    chapters: doc.chapters.map((c) => ({
      ...c,
      blocks: c.blocks.map((b) => {
        if (b.kind !== 'editable') return b;
        const text = notes[b.field];
        return text === undefined ? b : { ...b, text };
      }),
    })),
  };
}

/** The text each of the 项目办's chapters carries. */
export function notesOf(doc: CircularDocument): Record<NoteField, string> {
  const out: Record<NoteField, string> = { problems: '', nextSteps: '' };
  for (const c of doc.chapters) for (const b of c.blocks) if (b.kind === 'editable') out[b.field] = b.text;
  return out;
}
