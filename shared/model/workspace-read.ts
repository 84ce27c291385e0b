import type * as Y from 'yjs';
import type { Campaign } from '../schema/campaign';
import type { Member } from '../schema/member';
import type { RegistryEntry } from '../schema/registry';
import type { Reminder } from '../schema/reminder';
import type { Review } from '../schema/review';
import type { Target } from '../schema/target';
import type { Unit } from '../schema/unit';
import { parseStored } from './layout';
import { WORKSPACE_KEYS } from './keys';
import type { RecordRead } from './result';
import { readCollection, readSlot, singleSlot } from './slots';
import {
  CAMPAIGN_LAYOUT,
  MEMBER_LAYOUT,
  REGISTRY_LAYOUT,
  REMINDER_LAYOUT,
  REVIEW_LAYOUT,
  TARGET_LAYOUT,
  UNIT_LAYOUT,
  WORKSPACE_META_LAYOUT,
  type WorkspaceMeta,
} from './workspace-layout';

/** Everything in a workspace document, each record valid or invalid with its reasons. */
export interface WorkspaceRead {
  meta: RecordRead<WorkspaceMeta>;
  campaign: RecordRead<Campaign>;
  units: RecordRead<Unit>[];
  members: RecordRead<Member>[];
  targets: RecordRead<Target>[];
  registry: RecordRead<RegistryEntry>[];
  /** 审核 confirmations, sorted by id. */
  reviews: RecordRead<Review>[];
  /** 催报 reminders, sorted by id. */
  reminders: RecordRead<Reminder>[];
}

export function workspaceMap(doc: Y.Doc, key: keyof typeof WORKSPACE_KEYS): Y.Map<unknown> {
  return doc.getMap<unknown>(WORKSPACE_KEYS[key]);
}

/** Reads a workspace document; never throws. */
export function readWorkspace(doc: Y.Doc): WorkspaceRead {
  return {
    meta: parseStored(WORKSPACE_META_LAYOUT, WORKSPACE_KEYS.meta, readSlot(singleSlot(workspaceMap(doc, 'meta')), WORKSPACE_META_LAYOUT)),
    campaign: parseStored(CAMPAIGN_LAYOUT, WORKSPACE_KEYS.campaign, readSlot(singleSlot(workspaceMap(doc, 'campaign')), CAMPAIGN_LAYOUT)),
    units: readCollection(workspaceMap(doc, 'units'), UNIT_LAYOUT),
    members: readCollection(workspaceMap(doc, 'members'), MEMBER_LAYOUT),
    targets: readCollection(workspaceMap(doc, 'targets'), TARGET_LAYOUT),
    registry: readCollection(workspaceMap(doc, 'registry'), REGISTRY_LAYOUT),
    reviews: readCollection(workspaceMap(doc, 'reviews'), REVIEW_LAYOUT),
    reminders: readCollection(workspaceMap(doc, 'reminders'), REMINDER_LAYOUT),
  };
}
