import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import type { DemoScale } from '../../../server/demo/scales';
import { invariantViolations } from './invariants';

const YEAR = 2025;
const AS_OF = '2025-09-15';
const county = generateWorkspace({ scale: 'county', seed: 20250915, year: YEAR, asOf: AS_OF });
const city = generateWorkspace({ scale: 'city', seed: 7, year: YEAR, asOf: AS_OF });

describe('generateWorkspace', () => {
  it('gives byte-identical output for the same seed, and different output for another', () => {
    const again = generateWorkspace({ scale: 'county', seed: 20250915, year: YEAR, asOf: AS_OF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(county));
    const other = generateWorkspace({ scale: 'county', seed: 20250916, year: YEAR, asOf: AS_OF });
    expect(other.projects[0]!.project.name === county.projects[0]!.project.name && other.workspace.members[0]!.name === county.workspace.members[0]!.name).toBe(
      false,
    );
  });

  it.each([
    ['county', county, 150, 80, 15],
    ['city', city, 1000, 500, 60],
  ] as const)('has the %s scale counts', (_scale: DemoScale, g, projects, members, units) => {
    expect(g.projects).toHaveLength(projects);
    expect(g.workspace.registry).toHaveLength(projects);
    expect(g.workspace.members).toHaveLength(members);
    expect(g.workspace.units).toHaveLength(units);
  });

  it.each([
    ['county', county],
    ['city', city],
  ] as const)('validates every %s record against the schemas and keeps every invariant', (_scale, g) => {
    expect(invariantViolations(g.workspace, g.projects, AS_OF), `seed ${_scale === 'county' ? 20250915 : 7}`).toEqual([]);
  });

  it('keeps every invariant across seeds and as-of days', () => {
    const days = ['2025-01-31', '2025-03-05', '2025-05-20', '2025-08-01', '2025-11-30', '2025-12-31'];
    for (let seed = 100; seed < 112; seed++) {
      const asOf = days[seed % days.length]!;
      const g = generateWorkspace({ scale: 'county', seed, year: YEAR, asOf });
      expect(invariantViolations(g.workspace, g.projects, asOf), `seed ${seed}, as of ${asOf}`).toEqual([]);
    }
  });

  it('keeps the invariants early in the year, at year end, and with an as-of day outside the year', () => {
    for (const asOf of ['2025-01-01', '2025-02-03', '2025-12-31']) {
      const g = generateWorkspace({ scale: 'county', seed: 3, year: YEAR, asOf });
      expect(invariantViolations(g.workspace, g.projects, asOf), asOf).toEqual([]);
    }
    // An as-of day after the year is held to 31 December.
    const late = generateWorkspace({ scale: 'county', seed: 3, year: YEAR, asOf: '2026-03-01' });
    expect(JSON.stringify(late)).toBe(JSON.stringify(generateWorkspace({ scale: 'county', seed: 3, year: YEAR, asOf: '2025-12-31' })));
    const january = generateWorkspace({ scale: 'county', seed: 3, year: YEAR, asOf: '2025-01-01' });
    expect(january.projects.every((b) => b.reports.length === 0)).toBe(true);
  });

  it('has an invariant check that catches a broken record', () => {
    const broken = structuredClone(county);
    const bundle = broken.projects.find((b) => b.reports.length >= 2)!;
    bundle.reports[1]!.cumulativeWan = bundle.reports[0]!.cumulativeWan - 1;
    broken.projects[1]!.project.ownerId = 'nobody';
    const lines = invariantViolations(broken.workspace, broken.projects, AS_OF);
    expect(lines.some((l) => l.includes('cumulative went down'))).toBe(true);
    expect(lines.some((l) => l.includes('unknown member nobody'))).toBe(true);
  });

  it('has the city units: districts and counties, departments, task forces', () => {
    const kinds = city.workspace.units.map((u) => u.kind);
    expect(kinds.filter((k) => k === 'county')).toHaveLength(12);
    expect(kinds.filter((k) => k === 'department')).toHaveLength(36);
    expect(kinds.filter((k) => k === 'taskForce')).toHaveLength(12);
    const names = city.workspace.units.map((u) => u.name);
    expect(names).toContain('市发展改革委');
    expect(names).toContain('市自然资源和规划局');
    expect(names.some((n) => n.endsWith('区'))).toBe(true);
    expect(names.some((n) => n.endsWith('县'))).toBe(true);
    expect(names.some((n) => n.endsWith('专班'))).toBe(true);
    expect(city.workspace.units.every((u) => u.headId !== null)).toBe(true);
  });

  it('has few 市级领导, some 副处级 and many 科级 or general cadres, with distinct names', () => {
    const members = city.workspace.members;
    const count = (rank: string) => members.filter((m) => m.rank === rank).length;
    expect(count('cityLeader')).toBeGreaterThanOrEqual(10);
    expect(count('cityLeader')).toBeLessThanOrEqual(40);
    expect(count('deputyDivision')).toBeGreaterThan(count('cityLeader'));
    expect(count('section') + count('deputySection') + count('staff')).toBeGreaterThan(members.length * 0.6);
    expect(new Set(members.map((m) => m.name)).size).toBe(members.length);
    expect(members.every((m) => /^[\u4e00-\u9fff]{2,3}$/.test(m.name))).toBe(true);
    expect(members.filter((m) => m.role === 'admin').length).toBeGreaterThanOrEqual(2);
    expect(members.some((m) => m.role === 'observer')).toBe(true);
  });

  it('names projects in Chinese, each name once, with sizes from 500 万元 to 50 亿元', () => {
    const projects = city.projects.map((b) => b.project);
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
    expect(projects.every((p) => /[\u4e00-\u9fff]/.test(p.name) && /(项目|工程|园)(（.期）)?$/.test(p.name))).toBe(true);
    const sizes = projects.map((p) => p.totalInvestmentWan).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThanOrEqual(500);
    expect(sizes.at(-1)).toBeLessThanOrEqual(500_000);
    // Log-normal-ish: the median is far below the mean's giants, and the spread covers two orders of magnitude.
    expect(sizes[900]! / sizes[100]!).toBeGreaterThan(10);
    expect(new Set(projects.map((p) => p.category)).size).toBe(10);
  });

  it('spreads stages plausibly as of September: most in 前期 or building, some finished', () => {
    const stages = city.projects.map((b) => b.project.stage);
    const share = (...s: string[]) => stages.filter((x) => s.includes(x)).length / stages.length;
    expect(share('preparation', 'started')).toBeGreaterThan(0.5);
    expect(share('completed', 'operating', 'fullProduction')).toBeGreaterThan(0.03);
    expect(share('completed', 'operating', 'fullProduction')).toBeLessThan(0.3);
    expect(share('planning', 'signed')).toBeGreaterThan(0.03);
    const continued = city.projects.filter((b) => b.project.kind === 'continued');
    expect(continued.length).toBeGreaterThan(200);
  });

  it('files a 月报 for most projects for every month over by the as-of day, and misses some', () => {
    // By 15 September the reports for January to August exist (August's due 5 September).
    const monthsFiled = city.projects.map((b) => b.reports.length);
    expect(Math.max(...monthsFiled)).toBe(8);
    const filedAugust = city.projects.filter((b) => b.reports.some((r) => r.month === '2025-08')).length;
    expect(filedAugust).toBeGreaterThan(800);
    expect(city.projects.some((b) => b.reports.length < 8)).toBe(true);
  });

  it('has milestones done and overdue, and problems resolved with evidence and still open', () => {
    const milestones = city.projects.flatMap((b) => b.milestones);
    expect(milestones.filter((m) => m.done).length).toBeGreaterThan(milestones.length * 0.2);
    expect(milestones.filter((m) => !m.done && m.dueDate < AS_OF).length).toBeGreaterThan(50);
    const problems = city.projects.flatMap((b) => b.problems);
    expect(problems.length).toBeGreaterThan(300);
    expect(problems.filter((p) => p.status === 'resolved').every((p) => (p.resolution?.evidence.length ?? 0) > 0)).toBe(true);
    expect(problems.filter((p) => p.status === 'resolved').length).toBeGreaterThan(problems.length * 0.3);
    expect(problems.filter((p) => p.status !== 'resolved' && p.deadline < AS_OF).length).toBeGreaterThan(20);
    expect(problems.every((p) => p.departmentId !== null && p.ownerId !== null)).toBe(true);
  });

  it('sets targets of all four metric kinds over year, quarters and 百日会战, at every scope', () => {
    const targets = city.workspace.targets;
    expect(new Set(targets.map((t) => t.metric.kind))).toEqual(new Set(['stageCount', 'investmentSum', 'memberQuota', 'manual']));
    expect(new Set(targets.map((t) => t.scope.kind))).toEqual(new Set(['workspace', 'unit', 'member']));
    expect(targets.some((t) => t.start === '2025-04-01' && t.end === '2025-06-30')).toBe(true);
    const windows = city.workspace.campaign.windows;
    expect(windows.length).toBeGreaterThanOrEqual(1);
    expect(targets.some((t) => t.windowId === windows[0]!.id)).toBe(true);
    const quota = targets.find((t) => t.metric.kind === 'memberQuota' && t.scope.kind === 'workspace');
    expect(quota?.metric).toEqual({ kind: 'memberQuota', thresholdsWan: { deputyDivision: 1000, section: 500 }, perMember: 1, deadline: '2025-11-30' });
    expect(quota?.goal).toBe(city.workspace.members.filter((m) => m.rank === 'deputyDivision' || m.rank === 'section').length);
    // The manual figures exist for January to August only.
    const manual = targets.find((t) => t.metric.kind === 'manual');
    expect(manual?.metric.kind === 'manual' && Object.keys(manual.metric.values)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
    ]);
  });

  it('credits attracted projects to cadres who owe a quota, so some meet it and some do not', () => {
    const holders = new Set(city.workspace.members.filter((m) => m.rank === 'deputyDivision' || m.rank === 'section').map((m) => m.id));
    const credited = city.projects.filter((b) => b.project.attractedById !== null);
    expect(credited.length).toBeGreaterThan(100);
    expect(credited.every((b) => b.project.source === 'attracted' && holders.has(b.project.attractedById!))).toBe(true);
    const signedThisYear = new Set(credited.filter((b) => (b.project.stageDates.signed ?? '') >= '2025-01-01').map((b) => b.project.attractedById));
    expect(signedThisYear.size).toBeGreaterThan(20);
    expect(signedThisYear.size).toBeLessThan(holders.size);
  });

  it('generates a city fast (about 0.2–0.3 s here; bounded loosely because CI machines are shared)', () => {
    const start = performance.now();
    generateWorkspace({ scale: 'city', seed: 99, year: YEAR, asOf: '2025-12-31' });
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
