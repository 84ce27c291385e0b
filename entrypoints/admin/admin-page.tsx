import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JoinedWorkspace } from '../../client/db';
import type { DocHandle } from '../../client/doc-handle';
import { useDocRead, useSyncStatus } from '../../client/hooks';
import { inviteClient } from '../../client/admin-invites';
import { joinLink } from '../../client/invite-link';
import { qrCodeDataUrl } from '../../client/invite-qr';
import type { Session } from '../../client/session';
import { active, adminLists, counties } from '../../client/view-models/admin/admin-lists';
import { campaignSettingFields, campaignValues } from '../../client/view-models/admin/campaign-settings';
import type { FormFieldSpec, FormValues } from '../../client/view-models/admin/form-fields';
import { INVITE_FAILURE, NEW_INVITE, inviteFields, inviteRequest, inviteeName } from '../../client/view-models/admin/invites';
import {
  NEW_MEMBER,
  NEW_PROJECT,
  NEW_UNIT,
  memberFields,
  newTargetValues,
  projectFields,
  targetFields,
  unitFields,
} from '../../client/view-models/admin/records';
import { useAdminMessages } from '../../components/admin/admin-messages';
import { AdminView, type AdminTab } from '../../components/admin/admin-view';
import { CampaignSection } from '../../components/admin/campaign-section';
import { CollectionSection } from '../../components/admin/collection-section';
import { InviteSection, type InviteActions } from '../../components/admin/invite-section';
import { formatShanghaiTime } from '../../shared/format';
import { readWorkspace } from '../../shared/model/workspace-read';
import { canAdminister, effectiveRole } from '../../shared/rights';
import { campaignActions, memberActions, projectActions, targetActions, unitActions, type WriteContext } from './admin-writes';

const WINDOW_FIELDS: FormFieldSpec[] = [
  { name: 'name', label: 'admin.campaign.window.name', control: 'text' },
  { name: 'start', label: 'admin.campaign.window.start', control: 'date' },
  { name: 'end', label: 'admin.campaign.window.end', control: 'date' },
];

/**
 * Project documents this page opened (to load, edit, archive a project). The last few stay open for the next edit; an
 * older one is released once the server has all of its edits (online, nothing unsynced), so an afternoon of editing
 * does not hold a socket per project (the server allows a member 64). One with edits still unsent stays open until
 * they are sent; if the page closes first (offline), they are kept in IndexedDB and go out the next time this browser
 * opens that project (the console, the board's drill-down, or the popup for one's own projects).
 */
const KEEP_OPEN = 6;

function useProjectHandles(session: Session): (id: string) => Promise<DocHandle> {
  const handles = useRef(new Map<string, DocHandle>());
  useEffect(() => {
    const open = handles.current;
    return () => {
      for (const h of open.values()) h.release();
      open.clear();
    };
  }, []);
  return useCallback(
    async (id: string) => {
      const open = handles.current;
      let handle = open.get(id);
      if (handle) open.delete(id);
      else handle = session.project(id);
      open.set(id, handle); // the most recently used last
      for (const [oldId, old] of open) {
        if (open.size <= KEEP_OPEN) break;
        const status = old.status.getSnapshot();
        if (oldId !== id && status.state === 'online' && status.unsynced === 0) {
          open.delete(oldId);
          old.release();
        }
      }
      return handle;
    },
    [session],
  );
}

/** The console on one open workspace: reads the workspace document, decides edit or read-only, wires every action. */
export function AdminPage({ session, ws }: { session: Session; ws: JoinedWorkspace }) {
  const { t, locale, label } = useAdminMessages();
  const read = useDocRead(session.workspace, readWorkspace);
  const status = useSyncStatus(session.workspace.status);
  const [local, setLocal] = useState(false);
  const [tab, setTab] = useState<AdminTab>('units');
  const project = useProjectHandles(session);

  useEffect(() => {
    let current = true;
    void session.workspace.whenLocal.then(() => current && setLocal(true));
    return () => {
      current = false;
    };
  }, [session]);

  const lists = useMemo(() => (read ? adminLists(read, ws.memberId) : null), [read, ws.memberId]);
  const listsRef = useRef(lists);
  listsRef.current = lists;
  const role = lists ? effectiveRole({ memberId: ws.memberId, role: ws.role }, { members: lists.members, registry: lists.registry }) : ws.role;
  const readOnly = !canAdminister(role);

  const ctx: WriteContext = useMemo(
    () => ({ workspace: session.workspace.doc, author: () => session.author(), lists: () => listsRef.current, project, locale }),
    [session, project, locale],
  );
  const actions = useMemo(
    () => ({
      units: unitActions(ctx),
      members: memberActions(ctx, ws.memberId),
      projects: projectActions(ctx),
      targets: targetActions(ctx),
      campaign: campaignActions(ctx),
    }),
    [ctx, ws.memberId],
  );
  const invites = useInviteActions(ws, lists, locale, label);

  if (!local || !lists) return <p className="admin-loading">{t('admin.loading')}</p>;

  const activeUnits = active(lists.units);
  const activeMembers = active(lists.members);
  const me = lists.members.find((m) => m.id === ws.memberId);
  const meLine = t('admin.me', { name: me?.name || ws.memberName || ws.memberId, role: role ? t(`role.${role}`) : '—' });
  const campaign = lists.campaign;

  let section: React.ReactNode;
  switch (tab) {
    case 'units':
      section = (
        <CollectionSection
          key="units"
          kind="units"
          columns={['admin.unit.name', 'admin.unit.kind', 'admin.unit.head']}
          rows={lists.unitRows}
          readOnly={readOnly}
          addTitle="admin.unit.add"
          editTitle="admin.unit.edit"
          addFields={unitFields(activeMembers)}
          editFields={() => unitFields(activeMembers)}
          emptyValues={NEW_UNIT}
          actions={actions.units}
        />
      );
      break;
    case 'members':
      section = (
        <CollectionSection
          key="members"
          kind="members"
          columns={['admin.member.name', 'admin.member.rank', 'admin.member.unit', 'admin.member.role']}
          rows={lists.memberRows}
          readOnly={readOnly}
          addTitle="admin.member.add"
          editTitle="admin.member.edit"
          addFields={memberFields(activeUnits)}
          editFields={(row) => memberFields(activeUnits, row.own === true)}
          emptyValues={NEW_MEMBER}
          actions={actions.members}
        />
      );
      break;
    case 'projects':
      section = (
        <CollectionSection
          key="projects"
          kind="projects"
          columns={['admin.project.name', 'admin.project.unit', 'admin.project.leader', 'admin.project.owner']}
          rows={lists.projectRows}
          readOnly={readOnly}
          addTitle="admin.project.add"
          editTitle="admin.project.edit"
          addFields={projectFields(activeUnits, counties(lists.units), activeMembers)}
          editFields={() => projectFields(activeUnits, counties(lists.units), activeMembers)}
          emptyValues={NEW_PROJECT}
          actions={actions.projects}
        />
      );
      break;
    case 'targets':
      section = (
        <CollectionSection
          key="targets"
          kind="targets"
          columns={['admin.target.title', 'admin.target.scope', 'admin.target.period', 'admin.target.metric', 'admin.target.goal']}
          rows={lists.targetRows}
          readOnly={readOnly}
          addTitle="admin.target.add"
          editTitle="admin.target.edit"
          addFields={targetFields(activeUnits, activeMembers, campaign?.windows ?? [])}
          editFields={() => targetFields(activeUnits, activeMembers, campaign?.windows ?? [], true)}
          emptyValues={newTargetValues(campaign?.year ?? new Date().getFullYear())}
          actions={actions.targets}
        />
      );
      break;
    case 'campaign':
      section = campaign ? (
        <CampaignSection
          readOnly={readOnly}
          fields={campaignSettingFields()}
          values={campaignValues(campaign)}
          windows={campaign.windows}
          windowFields={WINDOW_FIELDS}
          newWindow={{ name: '', start: '', end: '' }}
          actions={actions.campaign}
        />
      ) : (
        <p className="field-error">{t('admin.campaign.unreadable', { reason: lists.campaignProblem ?? '—' })}</p>
      );
      break;
    case 'invites':
      section = <InviteSection readOnly={readOnly} fields={inviteFields(activeMembers, activeUnits)} initial={NEW_INVITE} actions={invites} />;
      break;
  }

  return (
    <AdminView
      workspaceName={lists.workspaceName ?? ws.workspaceName ?? ws.workspaceId}
      me={meLine}
      readOnly={readOnly}
      status={status}
      invalidCount={lists.invalidCount}
      tab={tab}
      onTab={setTab}
    >
      {lists.workspaceName === null ? <p className="muted">{t('admin.notSetUp')}</p> : null}
      {section}
    </AdminView>
  );
}

/** Invites over REST with the admin's token; the link opens this extension's options page, which joins. */
function useInviteActions(
  ws: JoinedWorkspace,
  lists: ReturnType<typeof adminLists> | null,
  locale: string,
  label: ReturnType<typeof useAdminMessages>['label'],
): InviteActions {
  const listsRef = useRef(lists);
  listsRef.current = lists;
  return useMemo(() => {
    const client = inviteClient(ws, { locale });
    const problem = (reason: keyof typeof INVITE_FAILURE, message?: string) => ({ key: INVITE_FAILURE[reason], params: { message: message ?? '' } });
    return {
      async list() {
        const listed = await client.list();
        if (!listed.ok) return { ok: false, problem: problem(listed.reason, listed.message) };
        const members = listsRef.current?.members ?? [];
        return {
          ok: true,
          invites: listed.invites.map((i) => ({ id: i.id, who: inviteeName(i, members), role: i.role, expires: formatShanghaiTime(i.expiresAt) })),
        };
      },
      async create(values: FormValues) {
        const request = inviteRequest(values);
        if (!request.ok) return request;
        const created = await client.create(request.value);
        if (!created.ok) return { ok: false, errors: [{ path: '', ...problem(created.reason, created.message) }] };
        const link = joinLink(new URL('/options.html', window.location.href).toString(), { serverUrl: ws.serverUrl, code: created.invite.code });
        const name =
          'member' in request.value
            ? request.value.member.name
            : label(inviteeName({ memberId: created.invite.memberId, profile: null }, listsRef.current?.members ?? []));
        return {
          ok: true,
          created: { code: created.invite.code, link, qrDataUrl: await qrCodeDataUrl(link), name, expires: formatShanghaiTime(created.invite.expiresAt) },
        };
      },
      async revoke(id: string) {
        const revoked = await client.revoke(id);
        return revoked.ok ? { ok: true } : { ok: false, problem: problem(revoked.reason, revoked.message) };
      },
      copy: (value: string) => navigator.clipboard.writeText(value),
    };
  }, [ws, locale, label]);
}
