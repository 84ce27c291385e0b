import type { CalendarDate } from '../../shared/schema/common';
import type { CloseRequest, EscalationLevel, Problem, ProblemStatus, Resolution } from '../../shared/schema/problem';
import { PROBLEM_KINDS } from './catalog-problems';
import type { DepartmentKey } from './catalog-units';
import { addDays, dayNumber, fromDayNumber, maxDate } from './dates';
import type { DemoOrg } from './generate-org';
import { officeTime, type ProjectPeople } from './people';
import { chance, intBetween, pick, weighted, type Rng } from './random';
import type { Schedule } from './project-schedule';

/** A problem plus the plain words for the 月报's 问题和建议 column. */
export interface GeneratedProblem {
  problem: Problem;
  departmentName: string;
}

function departmentFor(org: DemoOrg, key: DepartmentKey | 'place', placeId: string | null) {
  if (key === 'place') return org.units.find((u) => u.id === placeId) ?? null;
  // A county workspace has fewer departments: what it lacks, 发展改革 coordinates.
  return org.departments.get(key) ?? org.departments.get('developmentReform') ?? null;
}

/**
 * 问题清单: 0–3 problems per project, raised once the project is in 前期 or building, each routed to the department
 * that answers for it (its head owns it); older ones are mostly 销号: requested with evidence by the head, confirmed by
 * the 项目办 a little later; some whose time has come wait for that confirmation; some overdue ones were escalated.
 */
export function generateProblems(
  rng: Rng,
  opts: {
    projectId: string;
    schedule: Schedule;
    people: ProjectPeople;
    org: DemoOrg;
    placeId: string | null;
    registeredOn: CalendarDate;
    year: number;
    asOf: CalendarDate;
  },
): GeneratedProblem[] {
  const { schedule, people, org, asOf, year } = opts;
  const count = Number(weighted(rng, { '0': 42, '1': 30, '2': 18, '3': 10 }));
  const out: GeneratedProblem[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(rng, PROBLEM_KINDS);
    const since = kind.needsConstruction ? schedule.timeline.started : schedule.timeline.preparation;
    if (!since) continue;
    const from = dayNumber(maxDate(since, addDays(opts.registeredOn, 1)));
    const to = dayNumber(asOf);
    if (from > to) continue;
    const raisedOn = fromDayNumber(intBetween(rng, from, to));
    const deadline = addDays(raisedOn, intBetween(rng, 10, 45));
    const department = departmentFor(org, kind.department, opts.placeId);
    const ownerId = department?.headId ?? null;
    const resolvedOn = addDays(raisedOn, weighted(rng, { quick: 55, slow: 30, stuck: 15 }) === 'quick' ? intBetween(rng, 5, 40) : intBetween(rng, 30, 120));
    const raisedAt = officeTime(rng, raisedOn);
    let status: ProblemStatus = 'open';
    let resolution: Resolution | null = null;
    let request: CloseRequest | null = null;
    const requester = ownerId ?? people.ownerId;
    if (resolvedOn <= asOf && chance(rng, 0.9)) {
      status = 'resolved';
      const confirmedAt = Math.max(raisedAt + 3_600_000, officeTime(rng, resolvedOn));
      const evidence = kind.evidence(rng, year);
      // the head asked the same morning; the 项目办 confirmed (no further draws: the rest of the city stays as it was)
      request = { by: requester, at: Math.max(raisedAt + 60_000, confirmedAt - 2 * 3_600_000), evidence };
      resolution = {
        by: people.adminId === requester ? (org.admins.find((a) => a.id !== requester)?.id ?? people.adminId) : people.adminId,
        at: confirmedAt,
        evidence,
      };
    } else if (chance(rng, 0.5)) {
      status = 'inProgress';
      // its time has come: the head has asked for 销号 and waits for the 项目办
      if (resolvedOn <= asOf) {
        status = 'closeRequested';
        request = { by: requester, at: raisedAt + (dayNumber(resolvedOn) - dayNumber(raisedOn)) * 86_400_000, evidence: '已按要求办结，申请销号' };
      }
    }
    // 督办 by hand for some problems well past their deadline; the rules escalate the rest.
    const daysLate = dayNumber(asOf) - dayNumber(deadline);
    let escalation: EscalationLevel = 'assigned';
    if (status !== 'resolved' && daysLate > 7 && chance(rng, 0.4)) escalation = chance(rng, 0.5) ? 'supervised' : 'reminded';
    out.push({
      departmentName: department?.name ?? '',
      problem: {
        id: '',
        description: kind.describe(rng),
        raised: { by: chance(rng, 0.75) ? people.ownerId : people.leaderId, at: raisedAt },
        departmentId: department?.id ?? null,
        ownerId,
        deadline,
        status,
        escalation,
        resolution,
        request,
        returned: null,
        progress: null,
        notes: status !== 'open' && chance(rng, 0.3) ? pick(rng, ['已召开专题调度会研究', '已列入调度会督办事项', '责任单位已现场办公']) : '',
        archived: false,
      },
    });
  }
  // Numbered in the order they were raised, as the 问题清单 lists them.
  out.sort((a, b) => a.problem.raised.at - b.problem.raised.at);
  for (const [i, g] of out.entries()) g.problem.id = `${opts.projectId}-pb${String(i + 1).padStart(2, '0')}`;
  return out;
}
