import type { ProjectBundle } from '../../shared/schema/bundle';
import type { Attribution, CalendarDate } from '../../shared/schema/common';
import type { CampaignWindow } from '../../shared/schema/campaign';
import type { Target, TargetMetric, TargetScope } from '../../shared/schema/target';
import { dateOf, lastDayOfMonth, monthOf } from './dates';
import type { DemoOrg } from './generate-org';
import { intBetween, type Rng } from './random';

interface TargetContext {
  idPrefix: string;
  year: number;
  asOf: CalendarDate;
  org: DemoOrg;
  projects: readonly ProjectBundle[];
  windows: readonly CampaignWindow[];
  created: Attribution;
  /** 县 or 市: targets read "全县…" or "全市…". */
  level: string;
}

/** A goal a 项目办 would set: what the list promises, rounded to a figure that looks decided. */
function roundGoal(value: number): number {
  if (value >= 1000) return Math.round(value / 100) * 100;
  if (value >= 100) return Math.round(value / 10) * 10;
  return Math.max(1, Math.round(value));
}

const QUARTER_NAMES = ['一季度', '二季度', '三季度', '四季度'] as const;
const QUARTER_THEMES = ['“开门红”', '“双过半”', '“攻坚”', '“收官”'] as const;
/** Share of the year's investment each quarter usually brings (slow around 春节, fast at year end). */
const QUARTER_SHARE = [0.12, 0.28, 0.28, 0.32] as const;

/**
 * Targets of all four metric kinds: annual, quarterly and 百日会战 windows; workspace, unit and member scope; the 招商
 * quota by rank (副处级以上 1000 万元, 正科级 500 万元, by 11-30); and two figures entered by hand each month.
 */
export function generateTargets(rng: Rng, ctx: TargetContext): Target[] {
  const { year, projects, org, level } = ctx;
  const targets: Target[] = [];
  const yearStart = dateOf(year, 1, 1);
  const yearEnd = dateOf(year, 12, 31);
  const add = (
    title: string,
    scope: TargetScope,
    start: CalendarDate,
    end: CalendarDate,
    goal: number,
    metric: TargetMetric,
    windowId: string | null = null,
  ) => {
    targets.push({
      id: `${ctx.idPrefix}-t${String(targets.length + 1).padStart(3, '0')}`,
      title,
      scope,
      start,
      end,
      windowId,
      goal,
      metric,
      archived: false,
      created: ctx.created,
    });
  };
  const workspace: TargetScope = { kind: 'workspace' };
  const list = projects.map((b) => b.project);
  const inYear = (d: CalendarDate | null) => d !== null && d >= yearStart && d <= yearEnd;
  const newStarts = list.filter((p) => p.kind === 'new' && inYear(p.plannedStart));
  const planTotal = list.reduce((sum, p) => sum + p.annualPlanWan, 0);

  // 全年: 开复工, 新开工, 竣工, 投产, 签约招商, 完成投资.
  add(`全${level}开复工项目`, workspace, yearStart, yearEnd, roundGoal(list.length * 0.92), { kind: 'stageCount', stage: 'startedOrContinuing', filter: {} });
  add(`全${level}新开工项目`, workspace, yearStart, yearEnd, roundGoal(newStarts.length * 0.95), {
    kind: 'stageCount',
    stage: 'started',
    filter: { kinds: ['new'] },
  });
  add(`全${level}竣工项目`, workspace, yearStart, yearEnd, roundGoal(list.filter((p) => inYear(p.plannedCompletion)).length), {
    kind: 'stageCount',
    stage: 'completed',
    filter: {},
  });
  add(`全${level}投产项目`, workspace, yearStart, yearEnd, roundGoal(list.filter((p) => inYear(p.plannedCompletion)).length * 0.6), {
    kind: 'stageCount',
    stage: 'operating',
    filter: {},
  });
  add(
    `全${level}引进招商项目（签约）`,
    workspace,
    yearStart,
    yearEnd,
    roundGoal(list.filter((p) => p.source === 'attracted' && p.kind === 'new').length * 0.8),
    {
      kind: 'stageCount',
      stage: 'signed',
      filter: { sources: ['attracted'] },
    },
  );
  add(`全${level}项目完成投资`, workspace, yearStart, yearEnd, roundGoal(planTotal), { kind: 'investmentSum', filter: {} });
  const keyPlan = list.filter((p) => p.keyLevel === 'province').reduce((sum, p) => sum + p.annualPlanWan, 0);
  if (keyPlan > 0) add('省重点项目完成投资', workspace, yearStart, yearEnd, roundGoal(keyPlan), { kind: 'investmentSum', filter: { keyLevels: ['province'] } });

  // 季度: each quarter's theme, 新开工 and 完成投资.
  for (const [q, share] of QUARTER_SHARE.entries()) {
    const start = dateOf(year, q * 3 + 1, 1);
    const end = lastDayOfMonth(year, q * 3 + 3);
    const starts = newStarts.filter((p) => p.plannedStart !== null && p.plannedStart >= start && p.plannedStart <= end).length;
    if (starts > 0)
      add(`${QUARTER_NAMES[q]}${QUARTER_THEMES[q]}新开工项目`, workspace, start, end, roundGoal(starts), {
        kind: 'stageCount',
        stage: 'started',
        filter: { kinds: ['new'] },
      });
    add(`${QUARTER_NAMES[q]}完成投资`, workspace, start, end, roundGoal(planTotal * share), { kind: 'investmentSum', filter: {} });
  }

  // 百日会战: each window's own 开工 and 投资 goals.
  for (const w of ctx.windows) {
    const starts = newStarts.filter((p) => p.plannedStart !== null && p.plannedStart >= w.start && p.plannedStart <= w.end).length;
    if (starts > 0)
      add(`${w.name}新开工项目`, workspace, w.start, w.end, roundGoal(starts), { kind: 'stageCount', stage: 'started', filter: { kinds: ['new'] } }, w.id);
    add(`${w.name}完成投资`, workspace, w.start, w.end, roundGoal(planTotal * 0.3), { kind: 'investmentSum', filter: {} }, w.id);
  }

  // Unit scope: each place's investment, each 专班's 落地项目 (每个行业专班每年要确保落地项目5个以上).
  for (const place of org.places) {
    const plan = list.filter((p) => p.countyId === place.id || p.unitId === place.id).reduce((sum, p) => sum + p.annualPlanWan, 0);
    if (plan > 0)
      add(`${place.name}项目完成投资`, { kind: 'unit', unitId: place.id }, yearStart, yearEnd, roundGoal(plan), { kind: 'investmentSum', filter: {} });
  }
  for (const { unit } of org.taskForces) {
    add(`${unit.name}落地项目`, { kind: 'unit', unitId: unit.id }, yearStart, yearEnd, level === '县' ? 3 : 5, {
      kind: 'stageCount',
      stage: 'signed',
      filter: {},
    });
  }

  // 招商 quota by rank, for everyone who owes one and for each 副处级 cadre by name.
  const quota: TargetMetric = { kind: 'memberQuota', thresholdsWan: { deputyDivision: 1000, section: 500 }, perMember: 1, deadline: dateOf(year, 11, 30) };
  const owing = org.members.filter((m) => m.rank === 'deputyDivision' || m.rank === 'section');
  add('干部引进项目任务（副处级以上1000万元、正科级500万元）', workspace, yearStart, dateOf(year, 11, 30), owing.length, quota);
  for (const m of org.byRank.get('deputyDivision') ?? []) {
    add(`${m.name}引进项目任务`, { kind: 'member', memberId: m.id }, yearStart, dateOf(year, 11, 30), 1, quota);
  }
  // Member scope: each 市级领导's linked projects (包联项目) complete their planned investment.
  for (const leader of org.byRank.get('cityLeader') ?? []) {
    const plan = list.filter((p) => p.leaderId === leader.id).reduce((sum, p) => sum + p.annualPlanWan, 0);
    if (plan > 0)
      add(`${leader.name}包联项目完成投资`, { kind: 'member', memberId: leader.id }, yearStart, yearEnd, roundGoal(plan), {
        kind: 'investmentSum',
        filter: {},
      });
  }

  // Titles carry no unit: the board prints each figure with its own (万元 below 1 亿, 亿元 above, 个, %).
  // Figures entered by hand each month once the month is over (统计局 publishes them).
  const growth: Record<string, number> = {};
  const funds: Record<string, number> = {};
  const fundsGoal = roundGoal(planTotal / 10_000 / 3);
  for (let month = 1; month <= 12; month++) {
    if (lastDayOfMonth(year, month) >= ctx.asOf) break;
    growth[monthOf(year, month)] = intBetween(rng, 40, 110) / 10;
    funds[monthOf(year, month)] = Math.round((fundsGoal / 12) * (0.6 + 0.8 * rng.next()) * 10) / 10;
  }
  // A rate, compared with its goal directly (no 序时, no forecast).
  add(`全${level}固定资产投资增速`, workspace, yearStart, yearEnd, 8, { kind: 'manual', aggregate: 'rate', unitLabel: '%', values: growth });
  add(`全${level}招商引资到位资金`, workspace, yearStart, yearEnd, fundsGoal, { kind: 'manual', aggregate: 'sum', unitLabel: '亿元', values: funds });
  return targets;
}
