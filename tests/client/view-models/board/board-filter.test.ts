import { describe, expect, it } from 'vitest';
import { deriveBoard } from '../../../../client/view-models/board/board-data';
import { filterChoices, filteredProjects, filterRows, NO_FILTER, type BoardFilter } from '../../../../client/view-models/board/board-filter';
import { AS_OF, CITY, cityRows } from './city-fixture';

const SEED = 9051;
const rows = cityRows(SEED);
const active = rows.filter((r) => !r.archived);
const filter = (f: Partial<BoardFilter>): BoardFilter => ({ ...NO_FILTER, ...f });

describe(`the board's one filter (县区/责任单位/项目类型/包联领导), rows of seed ${SEED}`, () => {
  it('keeps exactly the projects matching every chosen dimension; no filter is the rows as they are', () => {
    expect(filterRows(rows, NO_FILTER)).toBe(rows);
    const jk = filterRows(active, filter({ countyId: 'jk' }));
    expect(jk.length).toBeGreaterThan(0);
    expect(jk.every((r) => r.countyId === 'jk')).toBe(true);
    expect(jk).toEqual(active.filter((r) => r.countyId === 'jk'));
    const combined = filterRows(active, filter({ countyId: 'jk', leaderId: 'zhang', category: 'industry', unitId: 'fgw' }));
    expect(combined).toEqual(active.filter((r) => r.countyId === 'jk' && r.leaderId === 'zhang' && r.category === 'industry' && r.unitId === 'fgw'));
  });

  it('targets are judged on every project: a filter keeps the city line with the same figures and the chosen county’s line', () => {
    const all = deriveBoard(CITY, rows, AS_OF);
    const jk = deriveBoard(CITY, rows, AS_OF, filter({ countyId: 'jk' }));
    expect(all.targets.map((l) => l.id)).toEqual(['t-city', 't-jk', 't-gx', 't-zhang']);
    expect(jk.targets.map((l) => l.id)).toEqual(['t-city', 't-jk']);
    expect(jk.targets[0]?.result).toEqual(all.targets[0]?.result);
    // a leader's view: the city line and the leader's own target
    expect(deriveBoard(CITY, rows, AS_OF, filter({ leaderId: 'zhang' })).targets.map((l) => l.id)).toEqual(['t-city', 't-zhang']);
  });

  it('the problems and 月报 not filed are the filtered projects’ only, and all of theirs', () => {
    const all = deriveBoard(CITY, rows, AS_OF);
    const mine = deriveBoard(CITY, rows, AS_OF, filter({ leaderId: 'zhang' }));
    const zhang = new Set(active.filter((r) => r.leaderId === 'zhang').map((r) => r.projectId));
    expect(mine.dispatch.length).toBeGreaterThan(0);
    expect(mine.dispatch).toEqual(all.dispatch.filter((d) => zhang.has(d.projectId)));
    expect(mine.notFiled.lines).toEqual(all.notFiled.lines.filter((l) => zhang.has(l.projectId)));
  });

  it('offers only choices that have active projects, each with how many', () => {
    const choices = filterChoices(CITY, rows);
    expect(choices.counties.map((c) => c.name)).toEqual(['经开区', '高新区', '新城区']);
    for (const c of choices.counties) expect(c.count).toBe(active.filter((r) => r.countyId === c.id).length);
    expect(choices.leaders.map((l) => l.name)).toEqual(['张伟', '李强']);
    expect(choices.units.map((u) => u.name)).toEqual(['发改委', '工信局']);
    expect(choices.categories.reduce((n, c) => n + c.count, 0)).toBe(active.length);
  });

  it("lists a leader's 包联 projects, those with open problems first", () => {
    const { lines, total } = filteredProjects(rows, filter({ leaderId: 'li' }), 5);
    expect(total).toBe(active.filter((r) => r.leaderId === 'li').length);
    expect(lines.length).toBe(Math.min(5, total));
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1]!.openProblems).toBeGreaterThanOrEqual(lines[i]!.openProblems);
  });
});
