import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { confirmRegistration, confirmReportFigure, initWorkspace, registerProject } from '../../../shared/model/workspace-write';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { seededIds } from '../../../shared/model/ids';
import { toWorkspaceData } from '../../../shared/model/bundles';
import { validValues } from '../../../shared/model/result';
import { WORKSPACE_KEYS } from '../../../shared/model/keys';
import { writeWorkspaceData } from '../../../shared/model/write-bundle';
import type { Author } from '../../../shared/model/origin';
import { defaultCampaign } from '../../../shared/schema/campaign';

const admin: Author = { memberId: 'admin', at: Date.UTC(2026, 3, 2, 2) };

function workspace(): Y.Doc {
  const doc = new Y.Doc();
  initWorkspace(doc, { id: 'ws1', name: '示范市', campaign: defaultCampaign(2026) }, admin);
  return doc;
}

describe('reviews (审核) in the workspace document', () => {
  it('live in the top-level map `reviews`', () => {
    expect(WORKSPACE_KEYS.reviews).toBe('reviews');
  });

  it('a report confirmation names project, month and the confirmed figures, attributed to the 项目办', () => {
    const doc = workspace();
    const r = confirmReportFigure(doc, { projectId: 'p1', month: '2026-03', completedWan: 1e9, cumulativeWan: 1e9 }, admin, { newId: () => 'rv1' });
    expect(r).toEqual({ ok: true, id: 'rv1' });
    expect(readWorkspace(doc).reviews).toEqual([
      {
        ok: true,
        value: {
          id: 'rv1',
          kind: 'report',
          projectId: 'p1',
          month: '2026-03',
          completedWan: 1e9,
          cumulativeWan: 1e9,
          confirmed: { by: 'admin', at: admin.at },
          archived: false,
        },
      },
    ]);
    expect(doc.getMap('reviews').get('rv1/confirmed')).toEqual({ by: 'admin', at: admin.at });
  });

  it('refuses a figure that does not validate, writing nothing', () => {
    const doc = workspace();
    const r = confirmReportFigure(doc, { projectId: 'p1', month: '2026-13', completedWan: -1, cumulativeWan: 0 }, admin, { newId: () => 'rv1' });
    expect(r.ok).toBe(false);
    expect(doc.getMap('reviews').size).toBe(0);
  });

  it('a registration confirmation settles the registry line and keeps who confirmed what, in one transaction', () => {
    const doc = workspace();
    registerProject(doc, { id: 'p-new', name: '冷链物流中心', ownerId: 'zhang', leaderId: 'lead', team: [], confirmed: false }, { memberId: 'server', at: 1 });
    expect(validValues(readWorkspace(doc).registry)[0]?.confirmed).toBe(false);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const r = confirmRegistration(doc, { projectId: 'p-new', leaderId: 'lead', team: ['wang'], attractedById: 'zhang' }, admin, { newId: () => 'rv2' });
    expect(r).toEqual({ ok: true, id: 'rv2' });
    expect(transactions).toBe(1);
    expect(validValues(readWorkspace(doc).registry)[0]).toMatchObject({ ownerId: 'zhang', leaderId: 'lead', team: ['wang'], confirmed: true });
    expect(validValues(readWorkspace(doc).reviews)).toEqual([
      {
        id: 'rv2',
        kind: 'registration',
        projectId: 'p-new',
        leaderId: 'lead',
        team: ['wang'],
        attractedById: 'zhang',
        confirmed: { by: 'admin', at: admin.at },
        archived: false,
      },
    ]);
  });

  it('refuses to confirm the registration of a project the registry does not know, writing nothing', () => {
    const doc = workspace();
    const r = confirmRegistration(doc, { projectId: 'nope', leaderId: null, team: [], attractedById: null }, admin);
    expect(r.ok).toBe(false);
    expect(doc.getMap('reviews').size).toBe(0);
    expect(doc.getMap('registry').size).toBe(0);
  });

  it('a garbage review from a misbehaving peer reads as invalid, never throws', () => {
    const doc = workspace();
    doc.getMap('reviews').set('bad/kind', 'bribe');
    const read = readWorkspace(doc).reviews;
    expect(read).toHaveLength(1);
    expect(read[0]?.ok).toBe(false);
    expect(toWorkspaceData(readWorkspace(doc)).invalid).toBe(1);
  });

  it('export and import keep the reviews and the pending registrations', () => {
    const doc = workspace();
    registerProject(doc, { id: 'p-new', name: '冷链物流中心', ownerId: 'zhang', confirmed: false }, { memberId: 'server', at: 1 });
    confirmReportFigure(doc, { projectId: 'p1', month: '2026-03', completedWan: 10, cumulativeWan: 30 }, admin, { newId: seededIds(9) });
    const data = toWorkspaceData(readWorkspace(doc)).data!;
    const copy = new Y.Doc();
    expect(writeWorkspaceData(copy, data, { by: 'server', at: 0 }).ok).toBe(true);
    const back = toWorkspaceData(readWorkspace(copy)).data!;
    expect(back.reviews).toEqual(data.reviews);
    expect(back.registry).toEqual(data.registry);
    expect(back.registry[0]?.confirmed).toBe(false);
  });
});
