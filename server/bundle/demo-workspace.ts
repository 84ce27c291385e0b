/**
 * The demo workspace of a first start: the seeded city-scale generator (server/demo) for the current campaign year in
 * Asia/Shanghai, up to today, and the four people whose invites the first start prints.
 */
import { generateWorkspace } from '../demo/generate-workspace';
import { shanghaiDate } from '../../shared/format';
import type { Member, Role } from '../../shared/schema/member';
import type { DemoScaleName } from '../config';
import { makeBundle, type GuatuBundle } from './bundle-format';

export function demoBundle(scale: DemoScaleName, seed: number, now: number): GuatuBundle {
  const asOf = shanghaiDate(now);
  const generated = generateWorkspace({ scale, seed, year: Number(asOf.slice(0, 4)), asOf });
  return makeBundle(generated.workspace, generated.projects);
}

export interface DemoPerson {
  role: Role;
  member: Member;
  /** Projects they own, lead or are on the team of. */
  projects: number;
}

/** A member with a few projects is the best first look at the popup: not an empty list, not a wall. */
const FEW_PROJECTS = { min: 2, max: 5 };

/** One person per role: a 项目办 admin, the city leader with the most projects, a member with a few, an observer (督查室). */
export function demoPeople(bundle: GuatuBundle): DemoPerson[] {
  const { members, registry } = bundle.workspace;
  const count = (id: string): number => registry.filter((r) => r.ownerId === id || r.leaderId === id || r.team.includes(id)).length;
  const active = members.filter((m) => !m.archived);
  const ofRole = (role: Role): Member[] => active.filter((m) => m.role === role);
  const out: DemoPerson[] = [];
  const add = (role: Role, member: Member | undefined): void => {
    if (member) out.push({ role, member, projects: count(member.id) });
  };
  add('admin', ofRole('admin')[0]);
  add('leader', [...ofRole('leader')].sort((a, b) => count(b.id) - count(a.id))[0]);
  const cadres = ofRole('member');
  add(
    'member',
    cadres.find((m) => count(m.id) >= FEW_PROJECTS.min && count(m.id) <= FEW_PROJECTS.max) ?? [...cadres].sort((a, b) => count(b.id) - count(a.id))[0],
  );
  add('observer', ofRole('observer')[0]);
  return out;
}
