/**
 * What the admin console lists, from one read of the workspace document: units, members, the project registry and
 * targets, each line with the names it refers to resolved, archived lines apart (deleting is archiving).
 */
import type { WorkspaceRead } from '../../../shared/model/workspace-read';
import type { Campaign } from '../../../shared/schema/campaign';
import type { Member, Role } from '../../../shared/schema/member';
import type { RegistryEntry } from '../../../shared/schema/registry';
import type { Target } from '../../../shared/schema/target';
import type { Unit } from '../../../shared/schema/unit';
import type { Label } from './form-fields';

export interface AdminRow {
  id: string;
  /** What the row is called in messages ("已归档“…”"). */
  name: string;
  cells: Label[];
  archived: boolean;
  /** A tag after the name: 待审核 for a registration awaiting review. */
  tag?: Label;
  /** The admin's own member line: its role and archive state are not theirs to change. */
  own?: boolean;
}

export interface AdminLists {
  workspaceName: string | null;
  campaign: Campaign | null;
  /** Why the campaign settings do not read (another replica wrote garbage), if so. */
  campaignProblem: string | null;
  units: Unit[];
  members: Member[];
  targets: Target[];
  registry: RegistryEntry[];
  unitRows: AdminRow[];
  memberRows: AdminRow[];
  projectRows: AdminRow[];
  targetRows: AdminRow[];
  /** Records that do not validate, left out of the lists. */
  invalidCount: number;
}

const none: Label = { key: 'admin.none' };
const named = (name: string | undefined): Label => (name === undefined ? none : { text: name });

function byName<T extends { name: string; archived: boolean }>(a: T, b: T): number {
  if (a.archived !== b.archived) return a.archived ? 1 : -1;
  return a.name.localeCompare(b.name, 'zh-CN');
}

export function adminLists(read: WorkspaceRead, me: string): AdminLists {
  const units = read.units.flatMap((r) => (r.ok ? [r.value] : []));
  const members = read.members.flatMap((r) => (r.ok ? [r.value] : []));
  const targets = read.targets.flatMap((r) => (r.ok ? [r.value] : []));
  const registry = read.registry.flatMap((r) => (r.ok ? [r.value] : []));
  const invalidCount = [read.units, read.members, read.targets, read.registry].reduce((n, list) => n + list.filter((r) => !r.ok).length, 0);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const memberName = new Map(members.map((m) => [m.id, m.name]));
  const ofUnit = (id: string | null) => named(id === null ? undefined : (unitName.get(id) ?? id));
  const ofMember = (id: string | null) => named(id === null ? undefined : (memberName.get(id) ?? id));
  const roleLabel = (role: Role): Label => ({ key: `role.${role}` });

  const unitRows = [...units]
    .sort(byName)
    .map((u): AdminRow => ({ id: u.id, name: u.name, archived: u.archived, cells: [{ text: u.name }, { key: `unitKind.${u.kind}` }, ofMember(u.headId)] }));
  const memberRows = [...members].sort(byName).map(
    (m): AdminRow => ({
      id: m.id,
      name: m.name,
      archived: m.archived,
      own: m.id === me,
      cells: [{ text: m.name }, { key: `rank.${m.rank}` }, ofUnit(m.unitId), roleLabel(m.role)],
    }),
  );
  const projectRows = [...registry].sort(byName).map(
    (p): AdminRow => ({
      id: p.id,
      name: p.name,
      archived: p.archived,
      ...(p.confirmed === false ? { tag: { key: 'admin.pendingTag' } as Label } : {}),
      cells: [{ text: p.name }, ofUnit(p.unitId), ofMember(p.leaderId), ofMember(p.ownerId)],
    }),
  );
  const targetRows = [...targets]
    .sort((a, b) => (a.archived !== b.archived ? (a.archived ? 1 : -1) : a.start.localeCompare(b.start) || a.title.localeCompare(b.title, 'zh-CN')))
    .map(
      (t): AdminRow => ({
        id: t.id,
        name: t.title,
        archived: t.archived,
        cells: [
          { text: t.title },
          t.scope.kind === 'workspace'
            ? { key: 'admin.target.scope.workspace' }
            : t.scope.kind === 'unit'
              ? { key: 'admin.target.scope.unit', params: { name: unitName.get(t.scope.unitId) ?? t.scope.unitId } }
              : { key: 'admin.target.scope.member', params: { name: memberName.get(t.scope.memberId) ?? t.scope.memberId } },
          { text: `${t.start} – ${t.end}` },
          { key: `admin.metric.${t.metric.kind}` },
          { text: String(t.goal) },
        ],
      }),
    );

  return {
    workspaceName: read.meta.ok ? read.meta.value.name : null,
    campaign: read.campaign.ok ? read.campaign.value : null,
    campaignProblem: read.campaign.ok ? null : read.campaign.reasons.map((r) => `${r.path}: ${r.key}`).join('；') || null,
    units,
    members,
    targets,
    registry,
    unitRows,
    memberRows,
    projectRows,
    targetRows,
    invalidCount,
  };
}

/** Units that are counties (a project's 所在县区), not archived. */
export function counties(units: readonly Unit[]): Unit[] {
  return units.filter((u) => u.kind === 'county' && !u.archived);
}

export function active<T extends { archived: boolean }>(records: readonly T[]): T[] {
  return records.filter((r) => !r.archived);
}
