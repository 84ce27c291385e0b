import type * as Y from 'yjs';
import type { Campaign } from '../schema/campaign';
import type { Member, Rank, Role } from '../schema/member';
import type { RegistryEntry } from '../schema/registry';
import type { Reminder } from '../schema/reminder';
import type { RegistrationReview, ReportReview } from '../schema/review';
import type { Target, TargetMetric, TargetScope } from '../schema/target';
import type { Unit, UnitKind } from '../schema/unit';
import { collectionOps, commit } from './collection-ops';
import { randomId, type CreateOptions } from './ids';
import type { Author } from './origin';
import { planCreate, planUpdate } from './records';
import { fieldError, type ModelResult } from './result';
import { flatSlot, singleSlot, writeSlot } from './slots';
import { workspaceMap } from './workspace-read';
import {
  CAMPAIGN_LAYOUT,
  MEMBER_LAYOUT,
  REGISTRY_LAYOUT,
  REMINDER_LAYOUT,
  REVIEW_LAYOUT,
  TARGET_LAYOUT,
  UNIT_LAYOUT,
  WORKSPACE_META_LAYOUT,
} from './workspace-layout';
import { err, ok } from '../result';

export interface WorkspaceInit {
  id: string;
  name: string;
  campaign: Campaign;
}

/** Sets up an empty workspace document: its identity and campaign settings. Refused if it already has an identity. */
export function initWorkspace(doc: Y.Doc, init: WorkspaceInit, author: Author): ModelResult {
  const metaSlot = singleSlot(workspaceMap(doc, 'meta'));
  const campaignSlot = singleSlot(workspaceMap(doc, 'campaign'));
  const meta = planCreate(metaSlot, WORKSPACE_META_LAYOUT, null, { id: init.id, name: init.name, created: { by: author.memberId, at: author.at } });
  if (!meta.ok) return meta;
  const campaign = planCreate(campaignSlot, CAMPAIGN_LAYOUT, null, init.campaign);
  if (!campaign.ok) return err({ errors: campaign.errors.map((e) => fieldError(e.key, `campaign.${e.path}`, e.params)) });
  commit(doc, author, () => {
    writeSlot(metaSlot, meta.plan.writes);
    writeSlot(campaignSlot, campaign.plan.writes);
  });
  return ok();
}

/** Changes campaign settings; each setting is its own key, so two people changing different settings both keep theirs. */
export function updateCampaign(doc: Y.Doc, patch: Partial<Campaign>, author: Author): ModelResult {
  const slot = singleSlot(workspaceMap(doc, 'campaign'));
  const planned = planUpdate(slot, CAMPAIGN_LAYOUT, null, patch);
  if (!planned.ok) return planned;
  if (planned.plan.writes.size > 0) commit(doc, author, () => writeSlot(slot, planned.plan.writes));
  return ok();
}

const units = collectionOps((doc) => workspaceMap(doc, 'units'), UNIT_LAYOUT);
const members = collectionOps((doc) => workspaceMap(doc, 'members'), MEMBER_LAYOUT);
const targets = collectionOps((doc) => workspaceMap(doc, 'targets'), TARGET_LAYOUT);
const registry = collectionOps((doc) => workspaceMap(doc, 'registry'), REGISTRY_LAYOUT);

// ── units (单位) ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface UnitInput {
  id?: string;
  name: string;
  kind: UnitKind;
  headId?: string | null;
}
export type UnitPatch = Partial<Omit<Unit, 'id' | 'archived'>>;

export function addUnit(doc: Y.Doc, input: UnitInput, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  const id = input.id ?? (opts.newId ?? randomId)();
  return units.add(doc, id, { name: input.name, kind: input.kind, headId: input.headId ?? null }, author);
}
export function updateUnit(doc: Y.Doc, id: string, patch: UnitPatch, author: Author): ModelResult {
  return units.update(doc, id, patch, author);
}
export function archiveUnit(doc: Y.Doc, id: string, author: Author): ModelResult {
  return units.update(doc, id, { archived: true }, author);
}
export function restoreUnit(doc: Y.Doc, id: string, author: Author): ModelResult {
  return units.update(doc, id, { archived: false }, author);
}

// ── members ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface MemberInput {
  id?: string;
  name: string;
  rank: Rank;
  role: Role;
  unitId?: string | null;
  /** 督查: may confirm 销号 when the campaign's `problemClosure` lets 督查 confirm. */
  inspector?: boolean;
}
export type MemberPatch = Partial<Omit<Member, 'id' | 'archived'>>;

export function addMember(doc: Y.Doc, input: MemberInput, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  const id = input.id ?? (opts.newId ?? randomId)();
  return members.add(
    doc,
    id,
    { name: input.name, rank: input.rank, role: input.role, unitId: input.unitId ?? null, ...(input.inspector ? { inspector: true } : {}) },
    author,
  );
}
export function updateMember(doc: Y.Doc, id: string, patch: MemberPatch, author: Author): ModelResult {
  return members.update(doc, id, patch, author);
}
export function archiveMember(doc: Y.Doc, id: string, author: Author): ModelResult {
  return members.update(doc, id, { archived: true }, author);
}
export function restoreMember(doc: Y.Doc, id: string, author: Author): ModelResult {
  return members.update(doc, id, { archived: false }, author);
}

// ── targets ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface TargetInput {
  id?: string;
  title: string;
  scope: TargetScope;
  start: string;
  end: string;
  windowId?: string | null;
  goal: number;
  metric: TargetMetric;
}
export type TargetPatch = Partial<Omit<Target, 'id' | 'archived' | 'created'>>;

export function addTarget(doc: Y.Doc, input: TargetInput, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  const id = input.id ?? (opts.newId ?? randomId)();
  const { id: _omit, ...rest } = input;
  return targets.add(doc, id, { ...rest, windowId: input.windowId ?? null, created: { by: author.memberId, at: author.at } }, author);
}
export function updateTarget(doc: Y.Doc, id: string, patch: TargetPatch, author: Author): ModelResult {
  return targets.update(doc, id, patch, author);
}
export function archiveTarget(doc: Y.Doc, id: string, author: Author): ModelResult {
  return targets.update(doc, id, { archived: true }, author);
}
export function restoreTarget(doc: Y.Doc, id: string, author: Author): ModelResult {
  return targets.update(doc, id, { archived: false }, author);
}

// ── project registry ────────────────────────────────────────────────────────────────────────────────────────────────

export interface RegistryInput {
  /** The project's id (the same as in its project document). */
  id: string;
  name: string;
  unitId?: string | null;
  ownerId?: string | null;
  leaderId?: string | null;
  team?: string[];
  /** false: registered by the server from a member's document, leader and team awaiting 审核 (see RegistryEntry). */
  confirmed?: boolean;
  /** Who answers for its open problems (derived by the server; seeds and imports bring it along). */
  problemParties?: RegistryEntry['problemParties'];
}
export type RegistryPatch = Partial<Omit<RegistryEntry, 'id' | 'archived'>>;

export function registerProject(doc: Y.Doc, entry: RegistryInput, author: Author): ModelResult<{ id: string }> {
  return registry.add(
    doc,
    entry.id,
    {
      name: entry.name,
      unitId: entry.unitId ?? null,
      ownerId: entry.ownerId ?? null,
      leaderId: entry.leaderId ?? null,
      team: entry.team ?? [],
      ...(entry.confirmed === undefined ? {} : { confirmed: entry.confirmed }),
      ...(entry.problemParties === undefined ? {} : { problemParties: entry.problemParties }),
    },
    author,
  );
}
export function updateRegistryEntry(doc: Y.Doc, id: string, patch: RegistryPatch, author: Author): ModelResult {
  return registry.update(doc, id, patch, author);
}
/** Who answers for a project (registry side: decides who may write its document). */
export function assignProject(
  doc: Y.Doc,
  projectId: string,
  assignment: { ownerId?: string | null; leaderId?: string | null; team?: string[] },
  author: Author,
): ModelResult {
  return registry.update(doc, projectId, assignment, author);
}
/** The server's record of who answers for the project's open problems (see RegistryEntry.problemParties). */
export function setProblemParties(doc: Y.Doc, projectId: string, parties: { members: string[]; units: string[] }, author: Author): ModelResult {
  return registry.update(doc, projectId, { problemParties: parties }, author);
}
export function archiveRegistryEntry(doc: Y.Doc, id: string, author: Author): ModelResult {
  return registry.update(doc, id, { archived: true }, author);
}
export function restoreRegistryEntry(doc: Y.Doc, id: string, author: Author): ModelResult {
  return registry.update(doc, id, { archived: false }, author);
}

// ── 审核 (reviews: admin only, enforced by the server) ───────────────────────────────────────────────────────────────

/** The figures of one flagged 月报 the 项目办 confirms: exactly as the board showed them. */
export interface ReportConfirmation {
  projectId: string;
  month: string;
  completedWan: number;
  cumulativeWan: number;
}

/**
 * Confirms one flagged 月报 figure (审核): from now on it counts toward targets and rankings, as long as the figure
 * stays the one confirmed. Each confirmation is its own record under a fresh id, attributed to `author`.
 */
export function confirmReportFigure(doc: Y.Doc, input: ReportConfirmation, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  const id = (opts.newId ?? randomId)();
  const review: Omit<ReportReview, 'id'> = {
    kind: 'report',
    projectId: input.projectId,
    month: input.month,
    completedWan: input.completedWan,
    cumulativeWan: input.cumulativeWan,
    confirmed: { by: author.memberId, at: author.at },
    archived: false,
  };
  const slot = flatSlot(workspaceMap(doc, 'reviews'), id);
  const planned = planCreate(slot, REVIEW_LAYOUT, id, review);
  if (!planned.ok) return planned;
  commit(doc, author, () => writeSlot(slot, planned.plan.writes));
  return ok({ id });
}

/** Who a registration awaiting 审核 names, as the 项目办 confirms it. */
export interface RegistrationConfirmation {
  projectId: string;
  leaderId: string | null;
  team: string[];
  attractedById: string | null;
}

/**
 * Confirms a project the server registered from a member's document (审核): the registry line takes the confirmed
 * leader and team and stops being pending, and a review record keeps who confirmed what and when. One transaction;
 * nothing is written when either part does not validate or the project is not registered.
 */
export function confirmRegistration(doc: Y.Doc, input: RegistrationConfirmation, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  const entrySlot = flatSlot(workspaceMap(doc, 'registry'), input.projectId);
  const entry = planUpdate(entrySlot, REGISTRY_LAYOUT, input.projectId, { leaderId: input.leaderId, team: input.team, confirmed: true });
  if (!entry.ok) return entry;
  const id = (opts.newId ?? randomId)();
  const review: Omit<RegistrationReview, 'id'> = {
    kind: 'registration',
    projectId: input.projectId,
    leaderId: input.leaderId,
    team: [...input.team],
    attractedById: input.attractedById,
    confirmed: { by: author.memberId, at: author.at },
    archived: false,
  };
  const reviewSlot = flatSlot(workspaceMap(doc, 'reviews'), id);
  const planned = planCreate(reviewSlot, REVIEW_LAYOUT, id, review);
  if (!planned.ok) return planned;
  commit(doc, author, () => {
    writeSlot(entrySlot, entry.plan.writes);
    writeSlot(reviewSlot, planned.plan.writes);
  });
  return ok({ id });
}

// ── 催报 (reminders: admin only, enforced by the server) ─────────────────────────────────────────────────────────────

/** Whom a 催报 reminds: the month, the unit (null: everyone), the projects whose report is missing and their filers. */
export interface ReminderInput {
  month: string;
  unitId: string | null;
  projectIds: readonly string[];
  memberIds: readonly string[];
}

/** Sends a 催报: one record under a fresh id, attributed to `author` (the 项目办), read by the reminded members' popups. */
export function sendReminder(doc: Y.Doc, input: ReminderInput, author: Author, opts: CreateOptions = {}): ModelResult<{ id: string }> {
  const id = (opts.newId ?? randomId)();
  const reminder: Omit<Reminder, 'id'> = {
    month: input.month,
    unitId: input.unitId,
    projectIds: [...new Set(input.projectIds)].sort(),
    memberIds: [...new Set(input.memberIds)].sort(),
    sent: { by: author.memberId, at: author.at },
  };
  const slot = flatSlot(workspaceMap(doc, 'reminders'), id);
  const planned = planCreate(slot, REMINDER_LAYOUT, id, reminder);
  if (!planned.ok) return planned;
  commit(doc, author, () => writeSlot(slot, planned.plan.writes));
  return ok({ id });
}
