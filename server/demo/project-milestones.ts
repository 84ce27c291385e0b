import { t } from '../../shared/i18n';
import type { Attribution, CalendarDate } from '../../shared/schema/common';
import { DEFAULT_MILESTONE_KEYS, type Milestone } from '../../shared/schema/milestone';
import { addDays, maxDate, minDate } from './dates';
import { officeTime, routineAuthor, type ProjectPeople } from './people';
import { chance, intBetween, type Rng } from './random';
import { isProductive, type Schedule } from './project-schedule';
import type { Category, ProjectKind } from '../../shared/schema/project';

interface MilestonePlan {
  title: string;
  due: CalendarDate;
  /** The day it actually gets done (may lie beyond the as-of day, or never). */
  doneOn: CalendarDate | null;
}

/**
 * 前期工作 checklist, due in the weeks before the planned start (倒排工期). The paperwork is done one item after
 * another between the start of 前期 and ground-breaking; a project that has not started drags some of it.
 */
function preparationChecklist(rng: Rng, schedule: Schedule): MilestonePlan[] {
  const n = DEFAULT_MILESTONE_KEYS.length;
  const step = intBetween(rng, 8, 20);
  const { preparation, started } = schedule.timeline;
  const sluggish = chance(rng, 0.35);
  return DEFAULT_MILESTONE_KEYS.map((key, i) => {
    const due = addDays(schedule.plannedStart, -(n - i) * step);
    let doneOn: CalendarDate | null = null;
    if (preparation && started) {
      const span = Math.max(n + 1, dayDiff(preparation, started));
      doneOn = minDate(started, addDays(preparation, Math.round(((i + 1) * span) / (n + 1)) + intBetween(rng, -3, 3)));
    } else if (preparation) {
      doneOn = maxDate(addDays(preparation, (i + 1) * 3), addDays(due, sluggish ? intBetween(rng, 0, 150) : intBetween(rng, -20, 12)));
    }
    if (doneOn && preparation) doneOn = maxDate(doneOn, preparation);
    return { title: t('zh-CN', `milestone.${key}`), due, doneOn };
  });
}

/** Construction milestones, due along the planned build, done along the actual one. */
function constructionMilestones(schedule: Schedule, category: Category): MilestonePlan[] {
  const { timeline, plannedStart, durationDays } = schedule;
  const actualStart = timeline.started;
  const actualDays = actualStart && timeline.completed ? Math.max(1, dayDiff(actualStart, timeline.completed)) : durationDays;
  const along = (share: number) => ({
    due: addDays(plannedStart, Math.round(durationDays * share)),
    doneOn: actualStart ? addDays(actualStart, Math.round(actualDays * share)) : null,
  });
  const plans: MilestonePlan[] = [
    { title: '开工建设', due: plannedStart, doneOn: actualStart ?? null },
    { title: '主体工程完工', ...along(0.6) },
    { title: isProductive(category) ? '设备安装调试' : '配套工程完工', ...along(0.85) },
    { title: '竣工验收', due: addDays(plannedStart, durationDays), doneOn: timeline.completed ?? null },
  ];
  if (isProductive(category)) plans.push({ title: '投产运营', due: addDays(plannedStart, durationDays + 60), doneOn: timeline.operating ?? null });
  return plans;
}

function dayDiff(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The milestones on record as of `asOf`: a new project carries the 前期 checklist plus construction milestones; a 续建
 * project only the construction milestones still ahead when the year's list was drawn up.
 */
export function generateMilestones(
  rng: Rng,
  opts: {
    projectId: string;
    kind: ProjectKind;
    category: Category;
    schedule: Schedule;
    people: ProjectPeople;
    created: Attribution;
    registeredOn: CalendarDate;
    asOf: CalendarDate;
  },
): Milestone[] {
  const { kind, schedule, people, created, registeredOn, asOf } = opts;
  const plans = [...(kind === 'new' ? preparationChecklist(rng, schedule) : []), ...constructionMilestones(schedule, opts.category)].filter(
    (p) => kind === 'new' || p.due > registeredOn,
  );
  return plans.map((plan, i) => {
    let done: Attribution | null = null;
    if (plan.doneOn && plan.doneOn <= asOf) {
      // Ticked no earlier than the day after the milestone went on record.
      const doneOn = maxDate(plan.doneOn, addDays(registeredOn, 1));
      done = { by: routineAuthor(rng, people), at: officeTime(rng, minDate(doneOn, asOf)) };
    }
    return {
      id: `${opts.projectId}-ms${String(i + 1).padStart(2, '0')}`,
      title: plan.title,
      dueDate: plan.due,
      // 0-based, as the model numbers the 前期 checklist it creates.
      order: i,
      done,
      archived: false,
      created,
    };
  });
}
