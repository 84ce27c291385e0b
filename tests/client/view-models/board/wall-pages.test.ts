import { describe, expect, it } from 'vitest';
import { yearRange } from '../../../../shared/calc/dates';
import { rankUnitsByKind } from '../../../../shared/calc/rankings';
import { deriveBoard } from '../../../../client/view-models/board/board-data';
import { rotateSeconds, wallPages, WALL_LIMITS, type WallPage } from '../../../../client/view-models/board/wall-pages';
import { STAGES } from '../../../../shared/schema/stage';
import { AS_OF, CITY, cityRows } from './city-fixture';

const SEED = 9053;
const rows = cityRows(SEED, 60);
const active = rows.filter((r) => !r.archived);
const data = deriveBoard(CITY, rows, AS_OF);
const units = rankUnitsByKind(CITY, rows, yearRange(2026), AS_OF, 'investmentShare');
const input = { workspace: CITY, rows, data, units, stages: [...STAGES] };

function overviewOf(pages: WallPage[], key: string) {
  const page = pages.find((p) => p.key === key);
  if (!page || (page.kind !== 'overview' && page.kind !== 'county')) throw new Error(`no overview ${key}`);
  return page.overview;
}

describe(`the wall's pages (rows of seed ${SEED})`, () => {
  const pages = wallPages(input);

  it('opens on an overview: city targets with their lights, the pipeline of every active project, five rates, 督办 first', () => {
    expect(pages[0]?.key).toBe('overview');
    const o = overviewOf(pages, 'overview');
    expect(o.keyTargets.map((l) => l.id)).toEqual(['t-city']);
    expect(o.keyTargets[0]?.result.light).toBeDefined();
    expect(o.pipeline.reduce((n, s) => n + s.count, 0)).toBe(active.length);
    expect(o.rates.map((r) => r.kind)).toEqual(['landingRate', 'startRate', 'completionRate', 'productionRate', 'problemResolutionRate']);
    expect(o.red.items.length).toBeLessThanOrEqual(WALL_LIMITS.redItems);
    expect(o.red.counts.supervised + o.red.counts.reminded + o.red.counts.assigned).toBe(data.dispatch.length);
    const levels = o.red.items.map((i) => i.level);
    expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === 'supervised' ? -1 : 1)));
    expect(o.notFiled.count).toBe(data.notFiled.lines.length);
  });

  it("the rankings' top and bottom: counties among counties, departments among departments, never the same unit twice", () => {
    const o = overviewOf(pages, 'overview');
    const counties = o.rankings.find((r) => r.group === 'county');
    expect(counties?.top.map((e) => e.id).every((id) => ['jk', 'gx', 'xc'].includes(id))).toBe(true);
    expect(counties?.top[0]?.rank).toBe(1);
    for (const ends of o.rankings) {
      const top = new Set(ends.top.map((e) => e.id));
      expect(ends.bottom.some((e) => top.has(e.id))).toBe(false);
      expect(ends.top.length + ends.bottom.length).toBeLessThanOrEqual(ends.ranked);
    }
  });

  it('rotates through each section and then one overview per county, each county counting its own projects only', () => {
    const kinds = pages.map((p) => p.kind);
    expect(kinds.indexOf('targets')).toBeGreaterThan(0);
    expect(kinds).toContain('rankings');
    expect(pages.filter((p) => p.kind === 'county').map((p) => p.key)).toEqual(['county-jk', 'county-gx', 'county-xc']);
    const jk = overviewOf(pages, 'county-jk');
    expect(jk.county).toEqual({ id: 'jk', name: '经开区' });
    expect(jk.projectCount).toBe(active.filter((r) => r.countyId === 'jk').length);
    expect(jk.keyTargets.map((l) => l.id)).toEqual(['t-jk']);
    const jkProjects = new Set(active.filter((r) => r.countyId === 'jk').map((r) => r.projectId));
    expect(jk.red.items.every((i) => jkProjects.has(i.projectId))).toBe(true);
    expect(jk.countyPlace?.of).toBe(3);
    // a county without targets of its own shows the city's
    expect(overviewOf(pages, 'county-xc').keyTargets.map((l) => l.id)).toEqual(['t-city']);
    expect(new Set(pages.map((p) => p.key)).size).toBe(pages.length);
  });

  it('splits a long section into pages of what fits, numbered', () => {
    const small = wallPages(input, { ...WALL_LIMITS, pageLines: 3 });
    const targets = small.filter((p) => p.kind === 'targets');
    expect(targets.length).toBe(Math.ceil(data.targets.length / 3));
    expect(targets.map((p) => (p.kind === 'targets' ? `${p.part}/${p.parts}:${p.lines.length}` : ''))).toEqual(
      targets.map((_, i) => `${i + 1}/${targets.length}:${Math.min(3, data.targets.length - i * 3)}`),
    );
    for (const p of small) if (p.kind === 'problems') expect(p.items.length).toBeLessThanOrEqual(3);
  });

  it('rotates every 20 s unless the address says otherwise (5 s to 10 min; 0 paused)', () => {
    expect(rotateSeconds(null)).toBe(20);
    expect(rotateSeconds('30')).toBe(30);
    expect(rotateSeconds('0')).toBe(0);
    expect(rotateSeconds('2')).toBe(5);
    expect(rotateSeconds('1e9')).toBe(600);
    expect(rotateSeconds('x')).toBe(20);
  });
});
