import { describe, expect, it } from 'vitest';
import { findOnBoard, finderIndex, queryWords } from '../../../../client/view-models/board/finder';
import { CITY, cityRows } from './city-fixture';

const SEED = 9052;
const rows = cityRows(SEED);
const active = rows.filter((r) => !r.archived);
const index = finderIndex(CITY, rows);

describe(`searching the board by several words, rows of seed ${SEED}`, () => {
  it('"经开区 张伟" finds exactly the projects in 经开区 that 张伟 leads', () => {
    const hits = findOnBoard(index, '经开区 张伟', { projects: 100, leaders: 5, units: 5 });
    const expected = active.filter((r) => r.countyId === 'jk' && r.leaderId === 'zhang').map((r) => r.projectId);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      hits
        .filter((h) => h.kind === 'project')
        .map((h) => h.id)
        .sort(),
    ).toEqual(expected.sort());
    // no leader or unit holds both words in its name
    expect(hits.filter((h) => h.kind !== 'project')).toEqual([]);
  });

  it('finds a leader and a unit by part of the name, with their projects counted, before projects', () => {
    const leader = findOnBoard(index, '张');
    expect(leader[0]).toEqual({ kind: 'leader', id: 'zhang', name: '张伟', count: active.filter((r) => r.leaderId === 'zhang').length });
    const unit = findOnBoard(index, '高新');
    expect(unit[0]).toMatchObject({ kind: 'unit', id: 'gx', unitKind: 'county' });
  });

  it('words split on any space or comma (全角 too); every word must match; archived projects are not found', () => {
    expect(queryWords(' 物流　经开区，张伟 ')).toEqual(['物流', '经开区', '张伟']);
    const hits = findOnBoard(index, '物流　新城区', { projects: 100, leaders: 5, units: 5 }).filter((h) => h.kind === 'project');
    const expected = active.filter((r) => r.countyId === 'xc' && r.name.includes('物流')).map((r) => r.projectId);
    expect(hits.map((h) => h.id).sort()).toEqual(expected.sort());
    const archived = rows.find((r) => r.archived);
    if (archived) expect(findOnBoard(index, archived.code).some((h) => h.id === archived.projectId)).toBe(false);
  });

  it('an exact 项目编号 comes first', () => {
    const target = active[3]!;
    expect(findOnBoard(index, `${target.code} 产业园`)[0]).toMatchObject({ kind: 'project', id: target.projectId });
  });
});
