import type { SummaryProblem, SummaryRow } from '../../../../shared/schema/summary';
import type { WorkspaceData } from '../../../../shared/schema/bundle';
import type { Category } from '../../../../shared/schema/project';
import type { Stage } from '../../../../shared/schema/stage';
import { member, row, target, unit, workspace } from '../../../shared/calc/campaign-fixtures';

/** A small city for the board's view models: three counties, two departments, two 包联 leaders, seeded projects. */
export const AS_OF = '2026-06-20';

export const CITY: WorkspaceData = workspace({
  units: [
    unit('jk', { name: '经开区', kind: 'county' }),
    unit('gx', { name: '高新区', kind: 'county' }),
    unit('xc', { name: '新城区', kind: 'county' }),
    unit('fgw', { name: '发改委', kind: 'department' }),
    unit('gxj', { name: '工信局', kind: 'department' }),
  ],
  members: [member('zhang', { name: '张伟', role: 'leader' }), member('li', { name: '李强', role: 'leader' }), member('wang', { name: '王芳' })],
  targets: [
    target('t-city', { title: '全市完成投资', goal: 50_000 }),
    target('t-jk', { title: '经开区完成投资', goal: 20_000, scope: { kind: 'unit', unitId: 'jk' } }),
    target('t-gx', { title: '高新区完成投资', goal: 20_000, scope: { kind: 'unit', unitId: 'gx' } }),
    target('t-zhang', { title: '张伟包联项目投资', goal: 10_000, scope: { kind: 'member', memberId: 'zhang' } }),
  ],
});

/** A deterministic generator (mulberry32): the seed is printed by the tests that use it. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTIES = ['jk', 'gx', 'xc'] as const;
const DEPARTMENTS = ['fgw', 'gxj', null] as const;
const LEADERS = ['zhang', 'li', null] as const;
const CATEGORIES: Category[] = ['industry', 'infrastructure', 'services'];
const STAGES: Stage[] = ['planning', 'signed', 'started', 'started', 'completed', 'operating'];

function problem(id: string, deadline: string, resolved: boolean): SummaryProblem {
  return {
    id,
    description: `问题${id}`,
    departmentId: 'fgw',
    ownerId: 'wang',
    deadline,
    status: resolved ? 'resolved' : 'open',
    escalation: 'assigned',
    raisedOn: '2026-03-01',
    resolvedOn: resolved ? '2026-04-01' : null,
  };
}

/** `count` projects spread over the counties, departments, leaders and categories; some archived, some late. */
export function cityRows(seed: number, count = 40): SummaryRow[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rows: SummaryRow[] = [];
  for (let i = 0; i < count; i++) {
    const id = `p${String(i).padStart(2, '0')}`;
    const stage = pick(STAGES);
    const late = random() < 0.4;
    const monthly = Math.round(random() * 900);
    rows.push(
      row(id, {
        name: `${pick(['智能', '新能源', '物流', '医药'])}产业园${i}号`,
        countyId: pick(COUNTIES),
        unitId: pick(DEPARTMENTS),
        leaderId: pick(LEADERS),
        ownerId: 'wang',
        category: pick(CATEGORIES),
        stage,
        stageDates: stage === 'planning' ? {} : { [stage]: '2026-03-01' },
        annualPlanWan: 2_000,
        completedByMonth: random() < 0.8 ? { '2026-03': monthly, '2026-04': monthly, '2026-05': monthly } : { '2026-03': monthly },
        problems: late ? [problem(`${id}-q1`, '2026-04-01', false), problem(`${id}-q2`, '2026-05-01', random() < 0.5)] : [],
        archived: random() < 0.1,
      }),
    );
  }
  return rows;
}
