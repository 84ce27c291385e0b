/**
 * The console's forms as model writes on the open documents: typed text → input (client/view-models/admin) → the
 * model's write functions, each attributed to the admin and saved offline first like every edit. Nothing is written
 * when a field does not parse or the model refuses; the errors go back to their fields.
 */
import type * as Y from 'yjs';
import type { DocHandle } from '../../client/doc-handle';
import type { AdminLists } from '../../client/view-models/admin/admin-lists';
import { campaignPatch } from '../../client/view-models/admin/campaign-settings';
import { changedFields, onlyChanged, text, type FormValues } from '../../client/view-models/admin/form-fields';
import {
  memberInput,
  memberValues,
  projectEdit,
  projectValues,
  targetInput,
  targetPatch,
  targetValues,
  unitInput,
  unitValues,
} from '../../client/view-models/admin/records';
import type { CollectionActions } from '../../components/admin/admin-actions';
import type { CampaignActions } from '../../components/admin/campaign-section';
import type { SubmitResult } from '../../components/common/use-submit';
import { randomId } from '../../shared/model/ids';
import type { Author } from '../../shared/model/origin';
import { archiveRegisteredProject, createRegisteredProject, editRegisteredProject, restoreRegisteredProject } from '../../shared/model/project-admin';
import { readProjectDoc } from '../../shared/model/project-read';
import {
  addMember,
  addTarget,
  addUnit,
  archiveMember,
  archiveTarget,
  archiveUnit,
  restoreMember,
  restoreTarget,
  restoreUnit,
  updateCampaign,
  updateMember,
  updateTarget,
  updateUnit,
} from '../../shared/model/workspace-write';
import type { Locale } from '../../shared/schema/common';

export interface WriteContext {
  workspace: Y.Doc;
  author(): Author;
  /** The latest read of the workspace document (names, the current campaign). */
  lists(): AdminLists | null;
  /** A project document, loaded from IndexedDB (and from the server when it is not on this computer yet). */
  project(projectId: string): Promise<DocHandle>;
  locale: Locale;
}

const done = async (result: SubmitResult): Promise<SubmitResult> => result;

export function unitActions(ctx: WriteContext): CollectionActions {
  return {
    add: (values) => {
      const parsed = unitInput(values);
      return done(parsed.ok ? addUnit(ctx.workspace, parsed.value, ctx.author()) : parsed);
    },
    load: async (id) => {
      const unit = ctx.lists()?.units.find((u) => u.id === id);
      return unit ? unitValues(unit) : null;
    },
    edit: (id, values, baseline) => {
      const parsed = unitInput(values);
      if (!parsed.ok) return done(parsed);
      const { name, kind, headId } = parsed.value;
      return done(updateUnit(ctx.workspace, id, onlyChanged({ name, kind, headId: headId ?? null }, changedFields(values, baseline)), ctx.author()));
    },
    archive: (id) => done(archiveUnit(ctx.workspace, id, ctx.author())),
    restore: (id) => done(restoreUnit(ctx.workspace, id, ctx.author())),
  };
}

export function memberActions(ctx: WriteContext, me: string): CollectionActions {
  return {
    add: (values) => {
      const parsed = memberInput(values);
      return done(parsed.ok ? addMember(ctx.workspace, parsed.value, ctx.author()) : parsed);
    },
    load: async (id) => {
      const member = ctx.lists()?.members.find((m) => m.id === id);
      return member ? memberValues(member) : null;
    },
    edit: (id, values, baseline) => {
      const parsed = memberInput(values);
      if (!parsed.ok) return done(parsed);
      const { name, rank, unitId, role, inspector } = parsed.value;
      // one's own role (and 督查 flag) is not one's to change (the server refuses it): the field is shown, not written
      const patch = id === me ? { name, rank, unitId: unitId ?? null } : { name, rank, unitId: unitId ?? null, role, inspector: inspector === true };
      return done(updateMember(ctx.workspace, id, onlyChanged(patch, changedFields(values, baseline)), ctx.author()));
    },
    archive: (id) => done(id === me ? refused('admin.member.ownRights') : archiveMember(ctx.workspace, id, ctx.author())),
    restore: (id) => done(restoreMember(ctx.workspace, id, ctx.author())),
  };
}

function refused(key: 'admin.member.ownRights' | 'admin.recordUnavailable'): SubmitResult {
  return { ok: false, errors: [{ path: '', key, params: {} }] };
}

/** The project document with its record read, waiting for the server a while when it is not on this computer. */
async function loadedProject(ctx: WriteContext, id: string): Promise<Y.Doc | null> {
  const handle = await ctx.project(id);
  await handle.whenLocal;
  if (!readProjectDoc(handle.doc).project.ok) await handle.whenSettled(8000);
  return readProjectDoc(handle.doc).project.ok ? handle.doc : null;
}

export function projectActions(ctx: WriteContext): CollectionActions {
  return {
    add: async (values) => {
      const parsed = projectEdit(values);
      if (!parsed.ok) return parsed;
      const id = randomId();
      const handle = await ctx.project(id);
      await handle.whenLocal;
      return createRegisteredProject(handle.doc, ctx.workspace, { ...parsed.value, id }, ctx.author(), { locale: ctx.locale });
    },
    load: async (id) => {
      const doc = await loadedProject(ctx, id);
      const read = doc ? readProjectDoc(doc).project : null;
      return read?.ok ? projectValues(read.value) : null;
    },
    edit: async (id, values, baseline) => {
      const parsed = projectEdit(values);
      if (!parsed.ok) return parsed;
      const doc = await loadedProject(ctx, id);
      if (!doc) return refused('admin.recordUnavailable');
      return editRegisteredProject(doc, ctx.workspace, id, onlyChanged(parsed.value, changedFields(values, baseline)), ctx.author());
    },
    archive: async (id) => {
      const doc = await loadedProject(ctx, id);
      return doc ? archiveRegisteredProject(doc, ctx.workspace, id, ctx.author()) : refused('admin.recordUnavailable');
    },
    restore: async (id) => {
      const doc = await loadedProject(ctx, id);
      return doc ? restoreRegisteredProject(doc, ctx.workspace, id, ctx.author()) : refused('admin.recordUnavailable');
    },
  };
}

export function targetActions(ctx: WriteContext): CollectionActions {
  return {
    add: (values) => {
      const parsed = targetInput(values);
      return done(parsed.ok ? addTarget(ctx.workspace, parsed.value, ctx.author()) : parsed);
    },
    load: async (id) => {
      const target = ctx.lists()?.targets.find((t) => t.id === id);
      return target ? targetValues(target) : null;
    },
    edit: (id, values, baseline) => {
      const parsed = targetPatch(values);
      if (!parsed.ok) return done(parsed);
      const patch = onlyChanged({ ...parsed.value, windowId: parsed.value.windowId ?? null }, changedFields(values, baseline), {
        scope: ['scopeKind', 'scopeUnitId', 'scopeMemberId'],
      });
      return done(updateTarget(ctx.workspace, id, patch, ctx.author()));
    },
    archive: (id) => done(archiveTarget(ctx.workspace, id, ctx.author())),
    restore: (id) => done(restoreTarget(ctx.workspace, id, ctx.author())),
  };
}

export function campaignActions(ctx: WriteContext): CampaignActions {
  const current = () => ctx.lists()?.campaign ?? null;
  return {
    save: async (values: FormValues, baseline: FormValues) => {
      const campaign = current();
      if (!campaign) return refused('admin.recordUnavailable');
      const patch = campaignPatch(campaign, values, baseline);
      return patch.ok ? updateCampaign(ctx.workspace, patch.value, ctx.author()) : patch;
    },
    addWindow: async (values: FormValues) => {
      const campaign = current();
      if (!campaign) return refused('admin.recordUnavailable');
      const window = { id: randomId(), name: text(values, 'name'), start: text(values, 'start'), end: text(values, 'end') };
      const result = updateCampaign(ctx.workspace, { windows: [...campaign.windows, window] }, ctx.author());
      if (result.ok) return result;
      // the model reports `windows.<n>.start`; the form's fields are the window's own
      const n = `windows.${campaign.windows.length}.`;
      return { ok: false, errors: result.errors.map((e) => ({ ...e, path: e.path.startsWith(n) ? e.path.slice(n.length) : e.path })) };
    },
    removeWindow: async (id: string) => {
      const campaign = current();
      if (!campaign) return refused('admin.recordUnavailable');
      return updateCampaign(ctx.workspace, { windows: campaign.windows.filter((w) => w.id !== id) }, ctx.author());
    },
  };
}
