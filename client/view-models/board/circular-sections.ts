import { describeCircularEntry, monthlyCircular, type MonthlyCircular } from '../../../shared/calc/circular';
import { endOfMonth, minDate } from '../../../shared/calc/dates';
import { evaluateTargets } from '../../../shared/calc/targets';
import type { Ranking } from '../../../shared/calc/rankings';
import type { Cell } from '../../../shared/calc/monthly-report-rows';
import { t, type MessageKey } from '../../../shared/i18n';
import { formatPercent, formatPoints } from '../../../shared/format';
import { targetGapText } from '../../../shared/calc/pace';
import { formatRankingParts, formatTargetValue } from '../../../shared/calc/target-value';
import type { CalendarDate, Locale, Month } from '../../../shared/schema/common';
import type { SummaryRow } from '../../../shared/schema/summary';
import type { WorkspaceData } from '../../../shared/schema/bundle';

/** One part of the circular as a small table; a section of plain lines has one cell per row and no header. */
export interface CircularSection {
  key: 'targets' | 'unitRankings' | 'memberRankings' | 'praised' | 'criticised' | 'notFiled';
  title: string;
  /** Sub-tables: a ranking section has one per metric, each with its formula. */
  parts: CircularPart[];
}

export interface CircularPart {
  title: string;
  /** The formula under a ranking (every ranking shows its formula). */
  note: string;
  header: string[];
  rows: Cell[][];
}

function rankingPart(ranking: Ranking, locale: Locale, limit: number): CircularPart {
  const value = (v: number | null): Cell =>
    v === null ? t(locale, 'calc.rate.none') : ranking.metric === 'paceGap' ? `${v < 0 ? '−' : ''}${formatPoints(v)}` : formatPercent(v);
  return {
    // A unit ranking names its kind (县区 · 投资完成率); the leaders' section says whom it ranks already.
    title:
      ranking.subject === 'leader'
        ? t(locale, `calc.name.${ranking.metric}`)
        : `${t(locale, `calc.subject.${ranking.subject}`)} · ${t(locale, `calc.name.${ranking.metric}`)}`,
    note: t(locale, 'board.ranking.formula', { formula: t(locale, ranking.formulaKey) }),
    header: [t(locale, 'board.col.rank'), t(locale, 'board.col.name'), t(locale, 'board.col.value'), t(locale, 'board.col.parts')],
    rows: ranking.entries.slice(0, limit).map((e) => [e.rank, e.name, value(e.value), formatRankingParts(ranking.metric, e.numerator, e.denominator, locale)]),
  };
}

const TARGET_HEADER: readonly MessageKey[] = [
  'board.col.target',
  'board.col.scope',
  'board.col.goal',
  'board.col.actual',
  'board.col.share',
  'board.col.expected',
  'board.col.gap',
  'board.col.light',
];

function lines(title: string, texts: readonly string[], locale: Locale): CircularPart {
  return { title, note: '', header: [], rows: texts.length > 0 ? texts.map((s) => [s]) : [[t(locale, 'board.circular.none')]] };
}

/**
 * The month's circular (一月一通报) as a document: the same sections on screen and in the export, in the order a
 * circular is read — targets against 序时, unit and member rankings with formulas, praised, criticised, missing 月报.
 * `memberLimit` keeps the on-screen member rankings short; the export passes Infinity.
 */
export function circularSections(circular: MonthlyCircular, locale: Locale, memberLimit = Infinity): CircularSection[] {
  const targetRows = circular.targetSummary.map((c): Cell[] => [
    c.title,
    c.scope === 'workspace' ? t(locale, 'board.scope.workspace') : c.scopeName,
    // With their units, as the board prints them: a money figure in 亿元 from 1 亿 on, never a bare 万元 number.
    formatTargetValue(c.measure, c.unitLabel, c.goal, locale),
    formatTargetValue(c.measure, c.unitLabel, c.actual, locale),
    c.expectedShare === null ? '—' : formatPercent(c.share),
    c.expectedShare === null ? '—' : formatPercent(c.expectedShare),
    targetGapText(locale, c, c.unitLabel),
    t(locale, `light.${c.light}`),
  ]);
  return [
    {
      key: 'targets',
      title: t(locale, 'circular.section.targets'),
      parts: [
        {
          title: '',
          note: '',
          header: TARGET_HEADER.map((k) => t(locale, k)),
          rows: targetRows,
        },
      ],
    },
    { key: 'unitRankings', title: t(locale, 'circular.section.unitRankings'), parts: circular.unitRankings.map((r) => rankingPart(r, locale, Infinity)) },
    {
      key: 'memberRankings',
      title: t(locale, 'circular.section.memberRankings'),
      parts: circular.memberRankings.map((r) => rankingPart(r, locale, memberLimit)),
    },
    {
      key: 'praised',
      title: t(locale, 'circular.section.praised'),
      parts: [
        lines(
          '',
          circular.praised.map((e) => describeCircularEntry(e, locale)),
          locale,
        ),
      ],
    },
    {
      key: 'criticised',
      title: t(locale, 'circular.section.criticised'),
      parts: [
        lines(
          '',
          circular.criticised.map((e) => describeCircularEntry(e, locale)),
          locale,
        ),
      ],
    },
    {
      key: 'notFiled',
      title: t(locale, 'circular.section.notFiled'),
      parts: [
        circular.notFiled.length === 0
          ? lines('', [], locale)
          : {
              title: '',
              note: '',
              header: [t(locale, 'board.col.unit'), t(locale, 'board.col.project'), t(locale, 'board.col.owner')],
              rows: circular.notFiled.map((n) => [n.unitName, n.projectName, n.ownerName]),
            },
      ],
    },
  ];
}

/** The circular's title: "2026年5月全市项目建设情况通报". */
export function circularTitle(circular: MonthlyCircular, locale: Locale): string {
  return t(locale, circular.title.key, circular.title.params);
}

/** The month's circular (一月一通报) drafted from the summary rows, as of the month's end (or today, mid-month). */
export function draftCircular(workspace: WorkspaceData, rows: readonly SummaryRow[], month: Month, asOf: CalendarDate): MonthlyCircular {
  const judged = minDate(asOf, endOfMonth(month));
  return monthlyCircular(workspace, rows, evaluateTargets(workspace, rows, judged), month, asOf);
}

/** What the board's circular section draws: the title and the sections, as the export writes them. */
export interface CircularView {
  title: string;
  sections: CircularSection[];
}

/** The board's circular of `month`; `memberLimit` keeps the on-screen member rankings short. */
export function circularView(
  workspace: WorkspaceData,
  rows: readonly SummaryRow[],
  month: Month,
  asOf: CalendarDate,
  locale: Locale,
  memberLimit: number,
): CircularView {
  const circular = draftCircular(workspace, rows, month, asOf);
  return { title: circularTitle(circular, locale), sections: circularSections(circular, locale, memberLimit) };
}
