import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { vetWrite, type Writer } from '../../../server/auth/write-rules';
import { appliedChange, type AppliedChange } from '../../../server/sync/applied-change';
import { initProject } from '../../../shared/model/project-init';
import { fileMonthlyReport } from '../../../shared/model/project-reports';
import { PROJECT_KEYS } from '../../../shared/model/keys';

const DOC = 'ws/w1/project/p1';
const owner: Writer = { memberId: 'owner1', role: 'member' };
const teamMember: Writer = { memberId: 'team1', role: 'member' };
const admin: Writer = { memberId: 'admin1', role: 'admin' };
const march = (day: number, who: string) => ({ memberId: who, at: Date.UTC(2026, 3, day, 2) });

/** The server's replica of project p1 (owner1 owns it, team1 is on its team), with March filed by owner1. */
function serverReplica(): Y.Doc {
  const doc = new Y.Doc();
  const init = initProject(doc, { id: 'p1', name: '临江港区物流园', ownerId: 'owner1', team: ['team1'] }, march(1, 'owner1'), {
    locale: 'zh-CN',
    defaultMilestones: false,
  });
  expect(init.ok).toBe(true);
  expect(fileMonthlyReport(doc, { month: '2026-03', completedWan: 500, progress: '主体施工', issues: '' }, march(3, 'owner1')).ok).toBe(true);
  return doc;
}

/** What the server sees when a client's update made on a replica of `server` arrives: the applied change. */
function arriving(server: Y.Doc, edit: (client: Y.Doc) => void): AppliedChange {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const vector = Y.encodeStateVector(client);
  edit(client);
  let seen: AppliedChange | null = null;
  const watch = (tr: Y.Transaction) => {
    seen = appliedChange(tr);
  };
  server.on('afterTransaction', watch);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, vector), 'connection');
  server.off('afterTransaction', watch);
  if (seen === null) throw new Error('nothing arrived');
  return seen;
}

describe('write rules for 月报 versions (更正, 补报)', () => {
  it('a team member corrects the owner’s report through the model: the replaced version, with its filer, may be kept', () => {
    const change = arriving(serverReplica(), (c) => {
      expect(fileMonthlyReport(c, { month: '2026-03', completedWan: 50, progress: '主体施工', issues: '' }, march(4, 'team1')).ok).toBe(true);
    });
    expect(vetWrite(teamMember, DOC, change)).toBeNull();
  });

  it('a team member back-files a missing month through the model', () => {
    const change = arriving(serverReplica(), (c) => {
      expect(fileMonthlyReport(c, { month: '2026-02', completedWan: 200, progress: '', issues: '' }, march(4, 'team1')).ok).toBe(true);
    });
    expect(vetWrite(teamMember, DOC, change)).toBeNull();
  });

  it('refuses a figure changed under the previous filer’s name (a crafted update that leaves `filed` alone)', () => {
    const change = arriving(serverReplica(), (c) => {
      c.getMap(PROJECT_KEYS.reports).set('2026-03/figures', { completedWan: 5000, cumulativeWan: 5000 });
    });
    expect(vetWrite(teamMember, DOC, change)).toBe('report-unattributed');
    expect(vetWrite(admin, DOC, change)).toBe('report-unattributed');
  });

  it('refuses a correction that drops or alters the earlier versions, unless the 项目办 tidies them', () => {
    const server = serverReplica();
    Y.applyUpdate(
      server,
      Y.encodeStateAsUpdate(
        (() => {
          const c = new Y.Doc();
          Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
          fileMonthlyReport(c, { month: '2026-03', completedWan: 50, progress: '主体施工', issues: '' }, march(4, 'team1'));
          return c;
        })(),
      ),
    );
    const erase = arriving(server, (c) => {
      c.transact(() => {
        const reports = c.getMap(PROJECT_KEYS.reports);
        reports.set('2026-03/figures', { completedWan: 60, cumulativeWan: 60 });
        reports.set('2026-03/filed', { by: 'owner1', at: march(5, 'owner1').at });
        reports.set('2026-03/revisions', []);
      });
    });
    expect(vetWrite(owner, DOC, erase)).toBe('report-history-rewritten');
    expect(vetWrite({ memberId: 'owner1', role: 'admin' }, DOC, erase)).toBeNull();
  });

  it('refuses a version filed in someone else’s name', () => {
    const change = arriving(serverReplica(), (c) => {
      expect(fileMonthlyReport(c, { month: '2026-03', completedWan: 50, progress: '', issues: '' }, march(4, 'owner1')).ok).toBe(true);
    });
    expect(vetWrite(teamMember, DOC, change)).toBe('attribution-not-author');
  });
});

describe('write rules for 催报', () => {
  it('only the 项目办 sends (or edits) a reminder; the record names who reminded', async () => {
    const { sendReminder } = await import('../../../shared/model/workspace-write');
    const server = new Y.Doc();
    const change = (who: string) =>
      arriving(server, (c) => {
        const sent = sendReminder(c, { month: '2026-03', unitId: null, projectIds: ['p1'], memberIds: ['owner1', 'team1'] }, march(6, who), {
          newId: () => `r-${who}`,
        });
        expect(sent.ok).toBe(true);
      });
    expect(vetWrite({ memberId: 'lead1', role: 'leader' }, 'ws/w1', change('lead1'))).toBe('reminder-not-admin');
    expect(vetWrite(owner, 'ws/w1', change('owner1'))).toBe('reminder-not-admin');
    expect(vetWrite(admin, 'ws/w1', change('admin1'))).toBeNull();
    expect(vetWrite(admin, 'ws/w1', change('someone-else'))).toBe('attribution-not-author');
  });
});

describe('write rules for the 月报 window', () => {
  it('only the 项目办 sets how long 月报 may be corrected and whether late ones need approval', async () => {
    const { initWorkspace, updateCampaign } = await import('../../../shared/model/workspace-write');
    const { defaultCampaign } = await import('../../../shared/schema/campaign');
    const server = new Y.Doc();
    expect(initWorkspace(server, { id: 'w1', name: '示范市', campaign: defaultCampaign(2026) }, march(1, 'admin1')).ok).toBe(true);
    const relax = (who: string) =>
      arriving(server, (c) => {
        expect(updateCampaign(c, { reports: { correctionUntilDay: 20, lateNeedsApproval: false } }, march(2, who)).ok).toBe(true);
      });
    expect(vetWrite({ memberId: 'lead1', role: 'leader' }, 'ws/w1', relax('lead1'))).toBe('report-rules-not-admin');
    expect(vetWrite(admin, 'ws/w1', relax('admin1'))).toBeNull();
    const dueDay = arriving(server, (c) => {
      expect(updateCampaign(c, { reportDueDay: 8 }, march(2, 'lead1')).ok).toBe(true);
    });
    expect(vetWrite({ memberId: 'lead1', role: 'leader' }, 'ws/w1', dueDay)).toBeNull();
  });
});
