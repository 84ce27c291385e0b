import type { Member, Rank, Role } from '../../shared/schema/member';
import type { Unit } from '../../shared/schema/unit';
import type { Category } from '../../shared/schema/project';
import { COUNTY_DEPARTMENTS, DEPARTMENTS, TASK_FORCES, type DepartmentKey } from './catalog-units';
import { itemAt } from './lists';
import { distinctPersonNames } from './names-people';
import { distinctPlaceStems } from './names-places';
import { pick, rngFor, sample, weighted, type Rng } from './random';
import { RANK_SHARES, SCALES, type DemoScale } from './scales';

/** Units and members, plus the look-ups the project generator needs. */
export interface DemoOrg {
  units: Unit[];
  members: Member[];
  /** County/district (or town) units: where projects sit. */
  places: Unit[];
  departments: Map<DepartmentKey, Unit>;
  taskForces: { unit: Unit; categories: readonly Category[] }[];
  membersByUnit: Map<string, Member[]>;
  byRank: Map<Rank, Member[]>;
  admins: Member[];
}

function placeNames(rng: Rng, scale: DemoScale, cityName: string): string[] {
  const count = SCALES[scale].places;
  const stems = distinctPlaceStems(rng, count, new Set([cityName.slice(0, 2)]));
  if (scale === 'county') {
    // Towns plus the county's development zone.
    return stems.map((stem, i) => (i === 0 ? `${cityName}经济开发区` : `${stem}${i % 3 === 2 ? '乡' : '镇'}`));
  }
  // Three districts, the two zones every city has, the rest counties.
  return stems.map((stem, i) => (i < 3 ? `${stem}区` : i === 3 ? `${cityName.slice(0, -1)}高新区` : i === 4 ? `${cityName.slice(0, -1)}经开区` : `${stem}县`));
}

function departmentName(key: DepartmentKey, scale: DemoScale, cityName: string): string {
  const prefix = SCALES[scale].level;
  if (key === 'power') return `国网${cityName.slice(0, -1)}供电公司`;
  if (key === 'fireRescue') return `${prefix}${scale === 'county' ? '消防救援大队' : '消防救援支队'}`;
  return prefix + DEPARTMENTS[key];
}

/** Builds units, then one head (一把手) per unit, then the rest of the roster by rank shares. */
export function generateOrg(seed: number, scale: DemoScale, cityName: string, idPrefix: string): DemoOrg {
  const rng = rngFor(seed, 'org');
  const spec = SCALES[scale];
  const departmentKeys: readonly DepartmentKey[] = scale === 'county' ? COUNTY_DEPARTMENTS : (Object.keys(DEPARTMENTS) as DepartmentKey[]);
  let unitSeq = 0;
  const unitId = () => `${idPrefix}-u${String(++unitSeq).padStart(2, '0')}`;
  const makeUnit = (name: string, kind: Unit['kind']): Unit => ({ id: unitId(), name, kind, headId: null, archived: false });

  const places = placeNames(rng, scale, cityName).map((name) => makeUnit(name, 'county'));
  const departments = new Map<DepartmentKey, Unit>(departmentKeys.map((key) => [key, makeUnit(departmentName(key, scale, cityName), 'department')]));
  const taskForces = sample(rng, TASK_FORCES, spec.taskForces).map((tf) => ({ unit: makeUnit(tf.name, 'taskForce'), categories: tf.categories }));
  const units = [...places, ...departments.values(), ...taskForces.map((tf) => tf.unit)];

  const names = distinctPersonNames(rng, spec.members);
  const members: Member[] = [];
  const addMember = (rank: Rank, unit: string | null, role: Role): Member => {
    const member: Member = {
      id: `${idPrefix}-m${String(members.length + 1).padStart(3, '0')}`,
      name: itemAt(names, members.length, 'distinct person names'),
      rank,
      unitId: unit,
      role,
      archived: false,
    };
    members.push(member);
    return member;
  };

  // 市级领导 come first: task forces are led by one of them (专班长).
  const leaderCount = Math.max(3, Math.round(spec.members * RANK_SHARES.cityLeader));
  const cityLeaders = Array.from({ length: leaderCount }, () => addMember('cityLeader', null, 'leader'));
  for (const unit of units) {
    const head =
      unit.kind === 'taskForce' ? pick(rng, cityLeaders) : addMember('deputyDivision', unit.id, unit === departments.get('projectOffice') ? 'admin' : 'member');
    unit.headId = head.id;
  }
  const projectOffice = departments.get('projectOffice');
  const supervision = departments.get('supervision') ?? projectOffice;
  // Two more 项目办 staff run the workspace; 督查室 watches it.
  addMember('section', projectOffice?.id ?? null, 'admin');
  addMember('staff', projectOffice?.id ?? null, 'admin');
  addMember('section', supervision?.id ?? null, 'observer');
  addMember('staff', supervision?.id ?? null, 'observer');

  // Places hold most cadres; task forces are small seconded teams.
  const unitWeights = Object.fromEntries(units.map((u) => [u.id, u.kind === 'county' ? 4 : u.kind === 'department' ? 1 : 0.6]));
  const { cityLeader: _leaders, ...restShares } = RANK_SHARES;
  while (members.length < spec.members) {
    addMember(weighted(rng, restShares), weighted(rng, unitWeights), 'member');
  }

  const membersByUnit = new Map<string, Member[]>();
  const byRank = new Map<Rank, Member[]>();
  for (const m of members) {
    if (m.unitId) membersByUnit.set(m.unitId, [...(membersByUnit.get(m.unitId) ?? []), m]);
    byRank.set(m.rank, [...(byRank.get(m.rank) ?? []), m]);
  }
  return { units, members, places, departments, taskForces, membersByUnit, byRank, admins: members.filter((m) => m.role === 'admin') };
}
