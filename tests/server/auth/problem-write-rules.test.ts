import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { vetWrite, type WriteRefusal } from '../../../server/auth/write-rules';
import { appliedChange, type AppliedChange } from '../../../server/sync/applied-change';
import type { Author } from '../../../shared/model/origin';
import {
  addProblem,
  confirmProblemClose,
  editProblem,
  escalateProblem,
  reportProblemProgress,
  requestProblemClose,
  resolveProblem,
  returnProblemClose,
} from '../../../shared/model/project-problems';
import { editProject } from '../../../shared/model/project-edit';
import type { Role } from '../../../shared/schema/member';
import { rightsFor, type WorkspaceView } from '../../../shared/rights';
import { MARCH_1, newProject } from '../../shared/model/fixtures';

/**
 * The 销号 loop as the server enforces it, against members holding valid tokens who craft their own Yjs updates with
 * the model (the same bytes a patched extension would send). alice owns p1 and raised q1; q1 is 市生态环境局's (eco),
 * headed by deng, with zhou as its named 责任人; office is 项目办, lead a leader, du a 督查 (observer), other a member
 * with nothing to do with it.
 */
const DOC = 'ws/w1/project/p1';
const roles: Record<string, Role> = { alice: 'member', deng: 'member', zhou: 'member', office: 'admin', lead: 'leader', du: 'observer', other: 'member' };

function view(problemClosure: WorkspaceView['problemClosure'] = 'office'): WorkspaceView {
  return {
    members: Object.entries(roles).map(([id, role]) => ({ id, role, archived: false, ...(id === 'du' ? { inspector: true } : {}) })),
    registry: [{ id: 'p1', ownerId: 'alice', leaderId: 'lead', team: [], problemParties: { members: ['zhou'], units: ['eco'] } }],
    units: [{ id: 'eco', headId: 'deng' }],
    problemClosure,
  };
}

let clock = MARCH_1;
const as = (memberId: string): Author => {
  clock += 60_000;
  return { memberId, at: clock };
};

/** The server's replica (what the room holds) and a way to send it one member's model edit. */
class Server {
  readonly doc: Y.Doc;
  constructor(
    seed: Y.Doc,
    private readonly workspace: WorkspaceView = view(),
  ) {
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(seed));
  }

  /** `memberId` edits their replica with `edit`; returns the server's verdict, and keeps the change when it stands. */
  send(memberId: string, edit: (replica: Y.Doc, author: Author) => { ok: boolean }): WriteRefusal | null {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(replica);
    const made = edit(replica, as(memberId));
    if (!made.ok) throw new Error(`the model refused ${memberId}'s edit: ${JSON.stringify(made)}`);
    const update = Y.encodeStateAsUpdate(replica, before);
    const trial = new Y.Doc();
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(this.doc));
    let change: AppliedChange | null = null;
    const listener = (t: Y.Transaction): void => {
      change = appliedChange(t);
    };
    trial.on('afterTransaction', listener);
    Y.applyUpdate(trial, update);
    trial.off('afterTransaction', listener);
    if (change === null) throw new Error('nothing changed');
    const verdict = vetWrite({ memberId, role: roles[memberId] ?? null }, DOC, change, { view: this.workspace, doc: trial });
    if (verdict === null) Y.applyUpdate(this.doc, update);
    return verdict;
  }
}

/** A confirmation written straight into the document, past the model's own refusal. */
function forgeConfirmation(doc: Y.Doc, author: Author): { ok: boolean } {
  const problems = doc.getMap('problems');
  const state = problems.get('q1/state') as { request: { evidence: string } };
  problems.set('q1/state', { ...state, status: 'resolved', resolution: { by: author.memberId, at: author.at, evidence: state.request.evidence } });
  return { ok: true };
}

function withProblem(workspace?: WorkspaceView): Server {
  const server = new Server(newProject(), workspace);
  const raised = server.send('alice', (d, a) =>
    addProblem(d, { id: 'q1', description: '环评批复未下达', departmentId: 'eco', ownerId: 'zhou', deadline: '2026-03-10' }, a),
  );
  expect(raised).toBeNull();
  return server;
}

describe('write rules: the 销号 loop against crafted updates', () => {
  it('the responsible person and their department head report progress and request 销号; the reporter and bystanders cannot', () => {
    const server = withProblem();
    expect(server.send('alice', (d, a) => reportProblemProgress(d, 'q1', '我来报', a))).toBe('problem-not-answerable');
    expect(server.send('other', (d, a) => reportProblemProgress(d, 'q1', '路过', a))).toBe('problem-not-answerable');
    expect(server.send('zhou', (d, a) => reportProblemProgress(d, 'q1', '已对接省厅', a))).toBeNull();
    expect(server.send('alice', (d, a) => requestProblemClose(d, 'q1', '我说解决了', a))).toBe('close-request-not-responsible');
    expect(server.send('office', (d, a) => requestProblemClose(d, 'q1', '代为申请', a))).toBe('close-request-not-responsible');
    expect(server.send('deng', (d, a) => requestProblemClose(d, 'q1', '批复已下达', a))).toBeNull();
  });

  it('a member not on the project may touch nothing but the problems they answer for', () => {
    const server = withProblem();
    expect(server.send('zhou', (d, a) => editProject(d, { name: '改名' }, a))).toBe('not-assigned');
    expect(server.send('deng', (d, a) => addProblem(d, { id: 'q2', description: '另起一条', deadline: '2026-04-01' }, a))).toBe('not-assigned');
    expect(server.send('zhou', (d, a) => editProblem(d, 'q1', { deadline: '2026-12-31' }, a))).toBe('problem-duty');
  });

  it('only 项目办 and leaders escalate by hand or move who answers and by when; a member raises at 交办 only', () => {
    const server = withProblem();
    expect(server.send('alice', (d, a) => escalateProblem(d, 'q1', 'supervised', a))).toBe('escalate-not-office');
    expect(server.send('deng', (d, a) => escalateProblem(d, 'q1', 'reminded', a))).toBe('escalate-not-office');
    expect(server.send('alice', (d, a) => editProblem(d, 'q1', { ownerId: 'other' }, a))).toBe('problem-duty');
    expect(server.send('lead', (d, a) => escalateProblem(d, 'q1', 'supervised', a))).toBeNull();
    expect(server.send('office', (d, a) => editProblem(d, 'q1', { deadline: '2026-04-30' }, a))).toBeNull();
    expect(server.send('alice', (d, a) => addProblem(d, { id: 'q3', description: '自己督办', deadline: '2026-04-01', escalation: 'supervised' }, a))).toBe(
      'escalate-not-office',
    );
  });

  it('销号 is confirmed by 项目办, never by the requester, the reporter or a leader, and never without a request', () => {
    const server = withProblem();
    // the reporter's old shortcut: close it at once
    expect(server.send('alice', (d, a) => resolveProblem(d, 'q1', '已解决', a))).toBe('close-not-requested');
    expect(server.send('office', (d, a) => resolveProblem(d, 'q1', '直接销号', a))).toBe('close-not-requested');
    expect(server.send('zhou', (d, a) => requestProblemClose(d, 'q1', '批复已下达', a))).toBeNull();
    expect(server.send('alice', (d, a) => confirmProblemClose(d, 'q1', a))).toBe('close-confirm-refused');
    expect(server.send('deng', (d, a) => confirmProblemClose(d, 'q1', a))).toBe('close-confirm-refused');
    expect(server.send('lead', (d, a) => confirmProblemClose(d, 'q1', a))).toBe('close-confirm-refused');
    // 督查 confirms only when the campaign says so
    expect(server.send('du', (d, a) => confirmProblemClose(d, 'q1', a))).toBe('close-confirm-refused');
    expect(server.send('office', (d, a) => confirmProblemClose(d, 'q1', a))).toBeNull();
  });

  it('an admin who requested 销号 as the 责任人 cannot confirm it; 督查 can when the campaign lets them', () => {
    const server = withProblem(view('officeAndInspectors'));
    expect(server.send('office', (d, a) => editProblem(d, 'q1', { ownerId: 'office' }, a))).toBeNull();
    expect(server.send('office', (d, a) => requestProblemClose(d, 'q1', '已协调', a))).toBeNull();
    // the model refuses it, so the update is written by hand, as a patched client would
    expect(server.send('office', (d, a) => forgeConfirmation(d, a))).toBe('close-confirm-refused');
    expect(server.send('du', (d, a) => returnProblemClose(d, 'q1', '缺佐证', a))).toBeNull();
    expect(server.send('office', (d, a) => requestProblemClose(d, 'q1', '补充了批复文号', a))).toBeNull();
    expect(server.send('du', (d, a) => confirmProblemClose(d, 'q1', a))).toBeNull();
  });

  it('a forged closing record naming someone else, or a rewritten request, is refused', () => {
    const server = withProblem();
    expect(server.send('zhou', (d, a) => requestProblemClose(d, 'q1', '批复已下达', a))).toBeNull();
    // office confirms but writes the request's evidence differently: the request it confirms must stay as it was
    const tampered = server.send('office', (d, a) => {
      const made = confirmProblemClose(d, 'q1', a);
      const state = d.getMap('problems').get('q1/state') as Record<string, unknown>;
      d.getMap('problems').set('q1/state', { ...state, request: { by: 'zhou', at: 1, evidence: '改过的' } });
      return made;
    });
    expect(tampered).not.toBeNull();
  });
});

describe('write rules: the workspace settings of the loop are the 项目办’s', () => {
  const change = (keys: AppliedChange['keys']): AppliedChange => ({ keys, appended: [], removed: [], nested: [], sizes: [] });
  const leader = { memberId: 'lead', role: 'leader' as const };
  const admin = { memberId: 'office', role: 'admin' as const };

  it('a leader cannot flag a 督查, widen who confirms 销号, or grant himself a problem to answer for', () => {
    const flag = (id: string) => change([{ map: 'members', key: `${id}/inspector`, before: undefined, after: true }]);
    expect(vetWrite(leader, 'ws/w1', flag('lead'))).toBe('own-rights-field');
    expect(vetWrite(leader, 'ws/w1', flag('du'))).toBe('member-rights-field');
    expect(vetWrite(admin, 'ws/w1', flag('du'))).toBeNull();
    const setting = change([{ map: 'campaign', key: 'problemClosure', before: 'office', after: 'officeAndInspectors' }]);
    expect(vetWrite(leader, 'ws/w1', setting)).toBe('closure-not-admin');
    expect(vetWrite(admin, 'ws/w1', setting)).toBeNull();
    const parties = change([{ map: 'registry', key: 'p1/problemParties', before: undefined, after: { members: ['lead'], units: [] } }]);
    expect(vetWrite(leader, 'ws/w1', parties)).toBe('closure-not-admin');
  });
});

describe('rights: who answers for a problem writes the project document (and only then)', () => {
  const principal = (memberId: string) => ({ workspaceId: 'w1', memberId, role: roles[memberId] ?? 'member' });

  it('the named 责任人 and the head of the 责任部门 write; a bystander reads; 督查 writes only when they confirm', () => {
    expect(rightsFor(principal('zhou'), DOC, view())).toEqual({ read: true, write: true });
    expect(rightsFor(principal('deng'), DOC, view())).toEqual({ read: true, write: true });
    expect(rightsFor(principal('other'), DOC, view())).toEqual({ read: true, write: false });
    expect(rightsFor(principal('du'), DOC, view())).toEqual({ read: true, write: false });
    expect(rightsFor(principal('du'), DOC, view('officeAndInspectors'))).toEqual({ read: true, write: true });
    const closed: WorkspaceView = {
      ...view(),
      registry: [{ id: 'p1', ownerId: 'alice', leaderId: 'lead', team: [], problemParties: { members: [], units: [] } }],
    };
    expect(rightsFor(principal('deng'), DOC, closed)).toEqual({ read: true, write: false });
  });
});

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261205;

describe(`the loop under random members' attempts, through the server's rules (seed ${SEED})`, () => {
  const ACTORS = Object.keys(roles);
  const ACTIONS = ['progress', 'request', 'confirm', 'return', 'resolve', 'escalate', 'reassign', 'forge'] as const;
  type Action = (typeof ACTIONS)[number];

  function attempt(action: Action, doc: Y.Doc, author: Author): { ok: boolean } {
    switch (action) {
      case 'progress':
        return reportProblemProgress(doc, 'q1', `进展 ${author.at}`, author);
      case 'request':
        return requestProblemClose(doc, 'q1', `佐证 ${author.at}`, author);
      case 'confirm':
        return confirmProblemClose(doc, 'q1', author);
      case 'return':
        return returnProblemClose(doc, 'q1', `退回 ${author.at}`, author);
      case 'resolve':
        return resolveProblem(doc, 'q1', `直接销号 ${author.at}`, author);
      case 'escalate':
        return escalateProblem(doc, 'q1', 'supervised', author);
      case 'reassign':
        return editProblem(doc, 'q1', { ownerId: author.memberId }, author);
      case 'forge': {
        const state = doc.getMap('problems').get('q1/state') as { request?: { evidence: string } | null } | undefined;
        if (!state?.request) return { ok: false };
        return forgeConfirmation(doc, author);
      }
    }
  }

  it('whatever anyone tries, a closed problem was requested by whoever answered for it and confirmed by 项目办 or 督查, someone else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<WorkspaceView['problemClosure']>('office', 'officeAndInspectors'),
        fc.array(fc.tuple(fc.constantFrom(...ACTORS), fc.constantFrom(...ACTIONS)), { minLength: 1, maxLength: 30 }),
        (closure, steps) => {
          const workspace = view(closure);
          const server = withProblem(workspace);
          for (const [actor, action] of steps) {
            // the model's own refusals never reach the server: only what it lets through is sent
            const probe = new Y.Doc();
            Y.applyUpdate(probe, Y.encodeStateAsUpdate(server.doc));
            if (!attempt(action, probe, { memberId: actor, at: clock + 1 }).ok) continue;
            const ownerBefore = server.doc.getMap('problems').get('q1/ownerId') as string | null;
            const statusBefore = (server.doc.getMap('problems').get('q1/state') as { status: string }).status;
            server.send(actor, (d, a) => attempt(action, d, a));
            const state = server.doc.getMap('problems').get('q1/state') as {
              status: string;
              resolution: { by: string } | null;
              request?: { by: string } | null;
            };
            if (state.status === 'closeRequested' && statusBefore !== 'closeRequested') {
              // requested by the 责任人 of the moment, or deng who heads 市生态环境局
              expect(['deng', ownerBefore]).toContain(state.request?.by);
            }
            if (state.status === 'resolved') {
              const confirmers = closure === 'officeAndInspectors' ? ['office', 'du'] : ['office'];
              expect(confirmers).toContain(state.resolution?.by);
              expect(state.request?.by).toBeDefined();
              expect(state.resolution?.by).not.toBe(state.request?.by);
              return;
            }
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});
