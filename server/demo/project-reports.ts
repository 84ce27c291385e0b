import type { CalendarDate } from '../../shared/schema/common';
import type { MonthlyReport } from '../../shared/schema/monthly-report';
import { issueSuggestion } from './catalog-problems';
import { progressText } from './catalog-progress';
import { addDays, dateOf, dayNumber, lastDayOfMonth, monthOf, shanghaiDate, shanghaiInstant } from './dates';
import { officeTime, routineAuthor, type ProjectPeople } from './people';
import type { GeneratedProblem } from './project-problems';
import { stageAsOf, type Schedule } from './project-schedule';
import { chance, intBetween, pick, type Rng } from './random';
import { stageIndex } from '../../shared/schema/stage';

/** Building slows around 春节 and in the rains, and speeds up for the year-end push (收官). */
const SEASON = [0.6, 0.45, 0.9, 1.0, 1.1, 1.15, 0.95, 0.95, 1.1, 1.1, 1.15, 1.45] as const;

/** A month's span as calendar dates. */
function monthSpan(year: number, month: number): { start: CalendarDate; end: CalendarDate } {
  return { start: dateOf(year, month, 1), end: lastDayOfMonth(year, month) };
}

/** The day the 月报 for `month` gets filed: most before the due day, a few late. */
function filingDay(rng: Rng, year: number, month: number, dueDay: number): CalendarDate {
  const end = lastDayOfMonth(year, month);
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const roll = rng.next();
  if (roll < 0.55) return addDays(end, -intBetween(rng, 0, 4));
  if (roll < 0.93) return dateOf(nextYear, nextMonth, intBetween(rng, 1, dueDay));
  return addDays(dateOf(nextYear, nextMonth, dueDay), intBetween(rng, 1, 12));
}

/**
 * What the project actually completes each month (万元, in tenths to keep sums exact): the annual plan spread over the
 * planned building months by season, scaled by how well this project performs, paid only while it is really building.
 */
function monthlyTenths(rng: Rng, year: number, schedule: Schedule, planWan: number, capWan: number): number[] {
  const { timeline } = schedule;
  const plannedActive = SEASON.map((_, i) => {
    const { start, end } = monthSpan(year, i + 1);
    return schedule.plannedStart <= end && schedule.plannedCompletion >= start;
  });
  const weight = SEASON.reduce((sum, s, i) => sum + (plannedActive[i] ? s : 0), 0) || 1;
  const performance = 0.8 + 0.5 * rng.next();
  let remaining = Math.floor(capWan * 10);
  return SEASON.map((season, i) => {
    const { start, end } = monthSpan(year, i + 1);
    const building = timeline.started !== undefined && timeline.started <= end && (timeline.completed === undefined || timeline.completed >= start);
    let wan = 0;
    if (building) wan = (planWan / weight) * season * performance * (0.8 + 0.4 * rng.next());
    // 前期 spending: design, surveys, land.
    else if (timeline.preparation !== undefined && timeline.preparation <= end && chance(rng, 0.5)) wan = planWan * 0.01 * rng.next();
    const tenths = Math.min(remaining, Math.round(wan * 10));
    remaining -= tenths;
    return tenths;
  });
}

/**
 * 月报 for every month that has ended by `asOf` and been filed by then. A cadre who misses a month folds its figure
 * into the next report, so 今年累计 always equals the sum of what was reported and never goes down.
 */
export function generateReports(
  rng: Rng,
  opts: {
    year: number;
    asOf: CalendarDate;
    reportDueDay: number;
    schedule: Schedule;
    planWan: number;
    capWan: number;
    people: ProjectPeople;
    problems: readonly GeneratedProblem[];
  },
): MonthlyReport[] {
  const { year, asOf, schedule, people } = opts;
  const tenths = monthlyTenths(rng, year, schedule, opts.planWan, opts.capWan);
  const reports: MonthlyReport[] = [];
  let pending = 0;
  let cumulative = 0;
  for (let month = 1; month <= 12; month++) {
    const { end } = monthSpan(year, month);
    pending += tenths[month - 1] ?? 0;
    if (end >= asOf) break;
    const filedOn = filingDay(rng, year, month, opts.reportDueDay);
    if (filedOn > asOf) break;
    const { stage } = stageAsOf(schedule.timeline, end);
    // Projects still on paper forget more often.
    if (chance(rng, stageIndex(stage) < stageIndex('preparation') ? 0.18 : 0.06)) continue;
    cumulative += pending;
    const completed = pending;
    pending = 0;
    const started = schedule.timeline.started;
    const builtDays = started ? dayNumber(end) - dayNumber(started) : 0;
    const percent = Math.max(1, Math.min(99, Math.round((builtDays / Math.max(1, schedule.durationDays)) * 100)));
    const open = opts.problems.filter(({ problem }) => {
      const resolvedAt = problem.resolution?.at ?? Infinity;
      return shanghaiDate(problem.raised.at) <= filedOn && resolvedAt > shanghaiInstant(filedOn, 0);
    });
    const issue = open.length > 0 ? pick(rng, open) : undefined;
    reports.push({
      month: monthOf(year, month),
      completedWan: completed / 10,
      cumulativeWan: cumulative / 10,
      progress: progressText(rng, stage, percent),
      issues: issue ? issueSuggestion(rng, issue.problem.description, issue.departmentName) : '',
      filed: { by: routineAuthor(rng, people), at: officeTime(rng, filedOn) },
    });
  }
  return reports;
}
