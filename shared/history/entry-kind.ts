/**
 * What kind of record one user action (one history entry) was about, and which action it was, so the workspace-wide
 * activity (动态) can be filtered by kind without reading every entry's changes. An entry may touch several records
 * (registering a project writes its milestones; a 月报 also updates the project's 形象进度): the kind is the record the
 * sentence describe-entry.ts makes leads with.
 */
import type { DescribedChange, HistoryRecordKind } from './describe-entry';

export const ACTIVITY_KINDS = ['project', 'milestone', 'problem', 'report'] as const satisfies readonly HistoryRecordKind[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(change: DescribedChange): HistoryRecordKind {
  const kind = change.record?.kind;
  return kind === 'milestone' || kind === 'problem' || kind === 'report' ? kind : 'project';
}

/** True when the changes create the record (its id or `created` appears from nothing). */
function creates(changes: readonly DescribedChange[]): boolean {
  return changes.some((c) => (c.field === 'created' || c.field === 'id') && (c.from === undefined || c.from === null));
}

/** The record kind an entry is about: a registration is the project's, else a 月报, a problem, a milestone, the project. */
export function entryKind(changes: readonly DescribedChange[]): HistoryRecordKind {
  const kinds = new Set(changes.map(kindOf));
  if (kinds.has('project') && creates(changes.filter((c) => kindOf(c) === 'project'))) return 'project';
  for (const kind of ['report', 'problem', 'milestone'] as const) if (kinds.has(kind)) return kind;
  return 'project';
}

/** The action of an entry on its kind's record, as `<kind>.<verb>` (e.g. "report.file", "problem.confirmClose"). */
export function entryAction(changes: readonly DescribedChange[]): string {
  const kind = entryKind(changes);
  const own = changes.filter((c) => kindOf(c) === kind);
  const field = (name: string): DescribedChange | undefined => own.find((c) => c.field === name);
  const verb = ((): string => {
    if (creates(own)) return kind === 'report' ? 'file' : 'create';
    switch (kind) {
      case 'report': {
        const filed = field('filed');
        return (filed && filed.from !== undefined && filed.from !== null) || field('revisions') ? 'correct' : 'file';
      }
      case 'project':
        if (field('stage')) return 'stage';
        if (field('archived')) return field('archived')?.to === true ? 'archive' : 'restore';
        return 'edit';
      case 'milestone':
        if (field('done')) return field('done')?.to ? 'tick' : 'untick';
        if (field('archived')) return field('archived')?.to === true ? 'archive' : 'restore';
        return 'edit';
      case 'problem': {
        const raised = field('raised');
        if (raised && (raised.from === undefined || raised.from === null)) return 'create';
        if (isRecord(field('resolution')?.to)) return isRecord(field('request')?.from) ? 'confirmClose' : 'resolve';
        if (field('status')?.from === 'resolved') return 'reopen';
        if (isRecord(field('returned')?.to)) return 'returnClose';
        if (isRecord(field('request')?.to)) return 'requestClose';
        if (field('escalation')) return 'escalate';
        if (isRecord(field('progress')?.to)) return 'progress';
        if (field('status')) return 'status';
        if (field('archived')) return field('archived')?.to === true ? 'archive' : 'restore';
        return 'edit';
      }
    }
  })();
  return `${kind}.${verb}`;
}
