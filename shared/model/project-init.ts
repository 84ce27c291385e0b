import type * as Y from 'yjs';
import { labelMessages } from '../i18n/labels';
import { createTranslator } from '../i18n/translate';
import { shanghaiDate } from '../format';
import type { Locale } from '../schema/common';
import { DEFAULT_MILESTONE_KEYS, type DefaultMilestoneKey } from '../schema/milestone';
import type { Project } from '../schema/project';
import type { ActivityChange } from './activity';
import { addDays } from './calendar';
import { randomId, type IdSource } from './ids';
import type { Author } from './origin';
import { milestoneSlot, mutateProject, projectSlot, type MutationPlan } from './project-doc';
import { MILESTONE_LAYOUT, PROJECT_LAYOUT } from './project-layout';
import { planCreate } from './records';
import { fieldError, type ModelResult } from './result';
import type { Slot } from './slots';
import { err, ok } from '../result';

// Only the table the default milestones' titles come from, so the popup does not bundle every message table.
const labels = createTranslator([labelMessages]);

/** What a new project needs; everything but id and name has a default. */
export type ProjectInput = { id: string; name: string } & Partial<Omit<Project, 'id' | 'name' | 'archived' | 'created' | 'updated'>>;

export interface InitProjectOptions {
  /** Language of the default milestone titles. */
  locale: Locale;
  /** Due dates of default milestones; the rest are spread before plannedStart (倒排工期). */
  milestoneDueDates?: Partial<Record<DefaultMilestoneKey, string>>;
  /** Set false to start without the 前期 checklist. */
  defaultMilestones?: boolean;
  newId?: IdSource;
}

/** Days between consecutive default milestones when their due dates are spread. */
export const MILESTONE_SPACING_DAYS = 15;

/**
 * Due dates of the 前期 checklist: scheduled backwards from the planned start, the last (立项) one spacing before it;
 * without a planned start, forwards from the day the project is created.
 */
export function defaultMilestoneDueDates(plannedStart: string | null, createdOn: string): Record<DefaultMilestoneKey, string> {
  const n = DEFAULT_MILESTONE_KEYS.length;
  const out = {} as Record<DefaultMilestoneKey, string>;
  DEFAULT_MILESTONE_KEYS.forEach((key, i) => {
    out[key] = plannedStart ? addDays(plannedStart, -(n - i) * MILESTONE_SPACING_DAYS) : addDays(createdOn, (i + 1) * MILESTONE_SPACING_DAYS);
  });
  return out;
}

const PROJECT_DEFAULTS: Omit<Project, 'id' | 'name' | 'archived' | 'created' | 'updated'> = {
  code: '',
  category: 'other',
  kind: 'new',
  source: 'government',
  unitId: null,
  serviceUnitId: null,
  countyId: null,
  leaderId: null,
  ownerId: null,
  team: [],
  plan: '',
  content: '',
  attractedById: null,
  keyLevel: 'none',
  totalInvestmentWan: 0,
  annualPlanWan: 0,
  plannedStart: null,
  plannedCompletion: null,
  stage: 'planning',
  stageDates: {},
  progressNote: '',
};

/** Creates the project in an empty project document, with the default 前期 milestone checklist. */
export function initProject(doc: Y.Doc, input: ProjectInput, author: Author, opts: InitProjectOptions): ModelResult<{ id: string; milestoneIds: string[] }> {
  return mutateProject(
    doc,
    author,
    () => {
      const by = { by: author.memberId, at: author.at };
      const slot = projectSlot(doc);
      const project = planCreate(slot, PROJECT_LAYOUT, null, { ...PROJECT_DEFAULTS, ...input, archived: false, created: by, updated: by });
      if (!project.ok) return project;
      const writes: Array<[Slot, ReadonlyMap<string, unknown>]> = [[slot, project.plan.writes]];
      const activity: ActivityChange[] = [{ action: 'project.create', record: { kind: 'project', id: input.id }, to: project.plan.value.name }];
      const milestoneIds: string[] = [];
      if (opts.defaultMilestones ?? true) {
        const spread = defaultMilestoneDueDates(project.plan.value.plannedStart, shanghaiDate(author.at));
        const newId = opts.newId ?? randomId;
        for (const [i, key] of DEFAULT_MILESTONE_KEYS.entries()) {
          const id = newId();
          const mSlot = milestoneSlot(doc, id);
          const dueDate = opts.milestoneDueDates?.[key] ?? spread[key];
          const m = planCreate(mSlot, MILESTONE_LAYOUT, id, {
            title: labels.t(opts.locale, `milestone.${key}`),
            dueDate,
            order: i,
            done: null,
            archived: false,
            created: by,
          });
          if (!m.ok) return err({ errors: m.errors.map((e) => fieldError(e.key, `milestones.${key}.${e.path}`, e.params)) });
          writes.push([mSlot, m.plan.writes]);
          activity.push({ action: 'milestone.add', record: { kind: 'milestone', id }, to: m.plan.value.title });
          milestoneIds.push(id);
        }
      }
      const plan: MutationPlan<{ id: string; milestoneIds: string[] }> = { writes, activity, result: { id: input.id, milestoneIds } };
      return ok({ plan });
    },
    { requireProject: false },
  );
}
