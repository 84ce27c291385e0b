import type { ProjectBundle } from '../../shared/schema/bundle';
import type { Attribution, CalendarDate } from '../../shared/schema/common';
import type { Member } from '../../shared/schema/member';
import type { Category, KeyLevel, Project } from '../../shared/schema/project';
import type { Unit } from '../../shared/schema/unit';
import { CATEGORY_WEIGHTS, MEDIAN_INVESTMENT_WAN, projectText } from './catalog-projects';
import { progressText } from './catalog-progress';
import { SERVICE_DEPARTMENT } from './catalog-units';
import type { DemoOrg } from './generate-org';
import { officeTime, type ProjectPeople } from './people';
import { lastEditOf, projectEvents } from './project-history';
import { generateMilestones } from './project-milestones';
import { generateProblems } from './project-problems';
import { generateReports } from './project-reports';
import { annualPlan, isProductive, pickKind, pickSource, planSchedule, roundWan, stageAsOf } from './project-schedule';
import { chance, intBetween, logNormal, pick, rngFor, sample, weighted, type Rng } from './random';

/** What every project of one workspace shares. */
export interface WorkspaceContext {
  seed: number;
  idPrefix: string;
  year: number;
  asOf: CalendarDate;
  /** The day the year's 项目清单 was drawn up and every project registered (December of the year before). */
  registeredOn: CalendarDate;
  reportDueDay: number;
  org: DemoOrg;
  /** Place-name stems and rivers for project names. */
  stems: readonly string[];
  rivers: readonly string[];
  /** Members who owe a 招商 quota (副处级 and 正科级): the ones credited with attracted projects. */
  quotaHolders: readonly Member[];
  cityLeaders: readonly Member[];
  /** Scales the median project size (a county's projects are smaller than a city's). */
  sizeFactor: number;
}

const PUBLIC_WORKS: ReadonlySet<Category> = new Set(['infrastructure', 'livelihood', 'urban', 'ecology', 'ruralRevitalization']);
const WORKER_RANKS: ReadonlySet<string> = new Set(['section', 'deputySection', 'staff']);

function responsibleUnit(rng: Rng, ctx: WorkspaceContext, category: Category, place: Unit): Unit {
  const forces = ctx.org.taskForces.filter((tf) => tf.categories.includes(category));
  if (forces.length > 0 && chance(rng, 0.25)) return pick(rng, forces).unit;
  const department = ctx.org.departments.get(SERVICE_DEPARTMENT[category]);
  if (department && PUBLIC_WORKS.has(category) && chance(rng, 0.35)) return department;
  return place;
}

/** A member the org is known to hold (a unit's 一把手). */
function memberOf(org: DemoOrg, id: string): Member {
  const member = org.members.find((m) => m.id === id);
  if (!member) throw new Error(`the demo org has no member ${id}`);
  return member;
}

function choosePeople(rng: Rng, ctx: WorkspaceContext, keyLevel: KeyLevel, unit: Unit, place: Unit, serviceUnit: Unit | null): ProjectPeople {
  const { org } = ctx;
  const inUnit = org.membersByUnit.get(unit.id) ?? [];
  const inPlace = org.membersByUnit.get(place.id) ?? [];
  const workers = [...inUnit, ...inPlace].filter((m) => WORKER_RANKS.has(m.rank));
  const owner =
    workers.length > 0
      ? pick(rng, workers)
      : pick(
          rng,
          org.members.filter((m) => WORKER_RANKS.has(m.rank)),
        );
  // 市级领导 link to the key projects; a county's 一把手 or a 副处级 cadre to the rest.
  const deputies = [...inUnit, ...inPlace].filter((m) => m.rank === 'deputyDivision');
  const leader =
    keyLevel === 'province' || keyLevel === 'city' || deputies.length === 0
      ? pick(rng, ctx.cityLeaders)
      : chance(rng, 0.5) && place.headId
        ? memberOf(org, place.headId)
        : pick(rng, deputies);
  const pool = [...inUnit, ...inPlace, ...(serviceUnit ? (org.membersByUnit.get(serviceUnit.id) ?? []) : [])].filter(
    (m) => m.id !== owner.id && m.id !== leader.id && m.rank !== 'cityLeader',
  );
  const team = sample(rng, [...new Set(pool)], intBetween(rng, 1, 3)).map((m) => m.id);
  return { ownerId: owner.id, leaderId: leader.id, team, adminId: pick(rng, org.admins).id };
}

function monthDay(date: CalendarDate): string {
  return `${Number(date.slice(5, 7))}月`;
}

/** 一个方案: the plan in one sentence, scheduled backwards from the deadline (倒排工期). */
function planText(plannedStart: CalendarDate, plannedCompletion: CalendarDate, productive: boolean, continued: boolean): string {
  const start = continued ? '加快续建' : `${plannedStart.slice(0, 4)}年${monthDay(plannedStart)}开工建设`;
  return `倒排工期、挂图作战：${start}，${plannedCompletion.slice(0, 4)}年${monthDay(plannedCompletion)}建成${productive ? '投产' : '投用'}；联系领导每月现场调度一次，问题清单化销号。`;
}

/** One project with its milestones, problems and 月报 as of the workspace's as-of day. */
export function generateProject(ctx: WorkspaceContext, index: number): ProjectBundle {
  const rng = rngFor(ctx.seed, `project/${index}`);
  const id = `${ctx.idPrefix}-p${String(index + 1).padStart(4, '0')}`;
  const category = weighted(rng, CATEGORY_WEIGHTS);
  const kind = pickKind(rng);
  const source = pickSource(rng, category);
  const keyLevel = weighted<KeyLevel>(
    rng,
    ctx.sizeFactor >= 1 ? { province: 5, city: 20, county: 35, none: 40 } : { province: 2, city: 10, county: 50, none: 38 },
  );
  const place = pick(rng, ctx.org.places);
  const unit = responsibleUnit(rng, ctx, category, place);
  const serviceUnit = ctx.org.departments.get(SERVICE_DEPARTMENT[category]) ?? ctx.org.departments.get('developmentReform') ?? null;
  const people = choosePeople(rng, ctx, keyLevel, unit, place, serviceUnit);
  const text = projectText(rng, category, { place: place.name, stem: pick(rng, ctx.stems), river: pick(rng, ctx.rivers) });

  // Log-normal sizes, 500 万元 … 50 亿元; 省重点 run bigger.
  const sizeBoost = keyLevel === 'province' ? 4 : keyLevel === 'city' ? 1.8 : 1;
  const totalInvestmentWan = roundWan(logNormal(rng, MEDIAN_INVESTMENT_WAN[category] * sizeBoost * ctx.sizeFactor, 0.9, 500, 500_000));
  const schedule = planSchedule(rng, { year: ctx.year, kind, source, category, totalWan: totalInvestmentWan, registeredOn: ctx.registeredOn });
  const { planWan, spentBeforeWan } = annualPlan(rng, schedule, totalInvestmentWan, ctx.year);
  const { stage, stageDates } = stageAsOf(schedule.timeline, ctx.asOf);
  const created: Attribution = { by: people.adminId, at: officeTime(rng, ctx.registeredOn) };

  const milestones = generateMilestones(rng, { projectId: id, kind, category, schedule, people, created, registeredOn: ctx.registeredOn, asOf: ctx.asOf });
  const problems = generateProblems(rng, {
    projectId: id,
    schedule,
    people,
    org: ctx.org,
    placeId: place.id,
    registeredOn: ctx.registeredOn,
    year: ctx.year,
    asOf: ctx.asOf,
  });
  const reports = generateReports(rng, {
    year: ctx.year,
    asOf: ctx.asOf,
    reportDueDay: ctx.reportDueDay,
    schedule,
    planWan,
    capWan: totalInvestmentWan - spentBeforeWan,
    people,
    problems,
  });

  const lastReport = reports[reports.length - 1];
  const project: Project = {
    id,
    code: `XM${ctx.year}-${String(index + 1).padStart(4, '0')}`,
    name: text.name,
    category,
    kind,
    source,
    unitId: unit.id,
    serviceUnitId: serviceUnit && serviceUnit.id !== unit.id ? serviceUnit.id : null,
    countyId: place.id,
    leaderId: people.leaderId,
    ownerId: people.ownerId,
    team: [...people.team],
    plan: planText(schedule.plannedStart, schedule.plannedCompletion, isProductive(category), kind === 'continued'),
    content: text.content,
    attractedById: source === 'attracted' && ctx.quotaHolders.length > 0 && chance(rng, 0.85) ? pick(rng, ctx.quotaHolders).id : null,
    keyLevel,
    totalInvestmentWan,
    annualPlanWan: planWan,
    plannedStart: schedule.plannedStart,
    plannedCompletion: schedule.plannedCompletion,
    stage,
    stageDates,
    progressNote: lastReport?.progress ?? progressText(rng, stage, 1),
    archived: false,
    created,
    updated: created,
  };
  const bundle: ProjectBundle = { project, milestones, problems: problems.map((p) => p.problem), reports };
  // `updated` is whatever edit came last, exactly as the model records it when the year is replayed.
  project.updated = lastEditOf(projectEvents(bundle, ctx.asOf));
  return bundle;
}
