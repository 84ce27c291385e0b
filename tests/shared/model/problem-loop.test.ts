import fc from 'fast-check';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readActivity } from '../../../shared/model/activity';
import type { Author } from '../../../shared/model/origin';
import {
  addProblem,
  confirmProblemClose,
  escalateProblem,
  lowerProblemToReminded,
  reportProblemProgress,
  requestProblemClose,
  returnProblemClose,
  setProblemStatus,
} from '../../../shared/model/project-problems';
import { readProjectDoc } from '../../../shared/model/project-read';
import { problemSlot } from '../../../shared/model/project-doc';
import type { Problem } from '../../../shared/schema/problem';
import { MARCH_1, newProject, replicaOf, sync } from './fixtures';

// alice owns the project and raises the problem; deng heads the department that answers for it; office is 项目办.
const alice: Author = { memberId: 'alice', at: MARCH_1 };
const deng: Author = { memberId: 'deng', at: MARCH_1 + 86_400_000 };
const office: Author = { memberId: 'office', at: MARCH_1 + 2 * 86_400_000 };
const rules = { remindAfterDays: 1, superviseAfterDays: 7 };

function problemOf(doc: Y.Doc, id: string): Problem {
  const read = readProjectDoc(doc).problems.find((p) => (p.ok ? p.value.id === id : p.id === id));
  if (!read?.ok) throw new Error(`problem ${id} does not read: ${JSON.stringify(read)}`);
  return read.value;
}

function raised(): Y.Doc {
  const doc = newProject();
  const added = addProblem(doc, { id: 'q1', description: '环评批复未下达', departmentId: 'eco', ownerId: 'deng', deadline: '2026-03-10' }, alice);
  expect(added.ok).toBe(true);
  return doc;
}

describe('the 销号 loop: 交办 → 报进展 → 申请销号 → 确认', () => {
  it('raises a problem open at 交办 with its 责任部门 and 责任人, nothing reported, requested or closed', () => {
    expect(problemOf(raised(), 'q1')).toMatchObject({
      status: 'open',
      escalation: 'assigned',
      departmentId: 'eco',
      ownerId: 'deng',
      raised: { by: 'alice' },
      resolution: null,
      request: null,
      returned: null,
    });
  });

  it('progress makes it in progress; the request carries the evidence; the confirmation names the confirmer and keeps the request', () => {
    const doc = raised();
    expect(reportProblemProgress(doc, 'q1', '已与省厅对接，材料已补齐', deng).ok).toBe(true);
    expect(problemOf(doc, 'q1')).toMatchObject({ status: 'inProgress', progress: { by: 'deng', note: '已与省厅对接，材料已补齐' } });

    expect(requestProblemClose(doc, 'q1', '  ', deng).ok).toBe(false);
    expect(requestProblemClose(doc, 'q1', '环评批复已下达，文号 环审〔2026〕12 号', deng).ok).toBe(true);
    expect(problemOf(doc, 'q1')).toMatchObject({ status: 'closeRequested', request: { by: 'deng', evidence: '环评批复已下达，文号 环审〔2026〕12 号' } });
    // asking twice is refused: the first request waits for its confirmation
    expect(requestProblemClose(doc, 'q1', '再次申请', deng)).toMatchObject({ ok: false, errors: [{ key: 'err.model.problem.requested' }] });

    expect(confirmProblemClose(doc, 'q1', office).ok).toBe(true);
    const closed = problemOf(doc, 'q1');
    expect(closed.status).toBe('resolved');
    expect(closed.resolution).toEqual({ by: 'office', at: office.at, evidence: '环评批复已下达，文号 环审〔2026〕12 号' });
    expect(closed.request).toMatchObject({ by: 'deng', at: deng.at });
    // the confirmation is in the history, as its own action by the confirmer
    const actions = readActivity(doc).flatMap((a) => (a.ok ? [[a.value.by, a.value.action]] : []));
    expect(actions).toContainEqual(['deng', 'problem.requestClose']);
    expect(actions).toContainEqual(['office', 'problem.confirmClose']);
  });

  it('the requester cannot confirm their own request, and nothing is confirmed that was not requested', () => {
    const doc = raised();
    expect(confirmProblemClose(doc, 'q1', office)).toMatchObject({ ok: false, errors: [{ key: 'err.model.problem.notRequested' }] });
    expect(requestProblemClose(doc, 'q1', '已办结', deng).ok).toBe(true);
    expect(confirmProblemClose(doc, 'q1', { ...deng, at: deng.at + 1 })).toMatchObject({ ok: false, errors: [{ key: 'err.model.problem.selfConfirm' }] });
    expect(problemOf(doc, 'q1').status).toBe('closeRequested');
  });

  it('a request sent back is in progress again with the reason, and can be requested anew', () => {
    const doc = raised();
    requestProblemClose(doc, 'q1', '已办结', deng);
    expect(returnProblemClose(doc, 'q1', '', office).ok).toBe(false);
    expect(returnProblemClose(doc, 'q1', '佐证不足：缺批复文号', office).ok).toBe(true);
    expect(problemOf(doc, 'q1')).toMatchObject({ status: 'inProgress', request: null, returned: { by: 'office', reason: '佐证不足：缺批复文号' } });
    expect(setProblemStatus(doc, 'q1', 'open', deng).ok).toBe(true);
    expect(requestProblemClose(doc, 'q1', '批复文号 环审〔2026〕12 号', { ...deng, at: office.at + 1 }).ok).toBe(true);
    expect(problemOf(doc, 'q1')).toMatchObject({ status: 'closeRequested', returned: null });
  });

  it('a problem written before the loop (state without request, no progress key) still reads, and enters the loop', () => {
    const doc = newProject();
    const map = doc.getMap('problems');
    doc.transact(() => {
      map.set('old/description', '老问题：征地补偿未到位');
      map.set('old/raised', { by: 'alice', at: MARCH_1 });
      map.set('old/departmentId', null);
      map.set('old/ownerId', null);
      map.set('old/deadline', '2026-02-01');
      map.set('old/escalation', 'reminded');
      map.set('old/state', { status: 'inProgress', resolution: null });
      map.set('old/notes', '');
      map.set('old/archived', false);
    });
    expect(problemOf(doc, 'old')).toMatchObject({ status: 'inProgress', escalation: 'reminded' });
    expect(problemOf(doc, 'old').request ?? null).toBeNull();
    expect(requestProblemClose(doc, 'old', '补偿款已拨付', alice).ok).toBe(true);
    expect(confirmProblemClose(doc, 'old', office).ok).toBe(true);
    expect(problemSlot(doc, 'old').map.get('old/state')).toMatchObject({ status: 'resolved', request: { by: 'alice' } });
  });

  it('concurrent: a confirmation and a second request made offline settle on one consistent state on both replicas', () => {
    const a = raised();
    requestProblemClose(a, 'q1', '已办结', deng);
    const b = replicaOf(a);
    expect(confirmProblemClose(a, 'q1', office).ok).toBe(true);
    expect(returnProblemClose(b, 'q1', '请补充材料', { memberId: 'inspector', at: office.at + 5 }).ok).toBe(true);
    sync(a, b);
    const [left, right] = [problemOf(a, 'q1'), problemOf(b, 'q1')];
    expect(left).toEqual(right);
    // one of the two whole states won: never a closing record beside a returned-to-work status
    expect(left.status === 'resolved' ? left.resolution?.by : left.returned?.by).toBe(left.status === 'resolved' ? 'office' : 'inspector');
  });
});

describe('三色督办单: the ladder only climbs by hand; red returns to yellow only when its condition is met', () => {
  it('escalating by hand never lowers the level', () => {
    const doc = raised();
    expect(escalateProblem(doc, 'q1', 'supervised', office).ok).toBe(true);
    expect(escalateProblem(doc, 'q1', 'reminded', office)).toMatchObject({ ok: false, errors: [{ key: 'err.model.problem.lowerLevel' }] });
    expect(problemOf(doc, 'q1').escalation).toBe('supervised');
  });

  it('a red slip goes back to yellow only after progress is reported and while the rules do not give 督办', () => {
    const doc = raised(); // deadline 2026-03-10
    escalateProblem(doc, 'q1', 'supervised', office);
    // no progress yet
    expect(lowerProblemToReminded(doc, 'q1', '2026-03-05', rules, office)).toMatchObject({ ok: false, errors: [{ key: 'err.model.problem.redCondition' }] });
    reportProblemProgress(doc, 'q1', '已组织专题会', deng);
    // 8 days late: the rules give 督办 anyway
    expect(lowerProblemToReminded(doc, 'q1', '2026-03-18', rules, office).ok).toBe(false);
    expect(lowerProblemToReminded(doc, 'q1', '2026-03-12', rules, office).ok).toBe(true);
    expect(problemOf(doc, 'q1').escalation).toBe('reminded');
  });
});

/** The seed of the property run; fast-check prints it (with the shrunk path) when a run fails. */
const SEED = 20261206;

describe(`the loop across offline replicas (seed ${SEED})`, () => {
  const ACTORS = ['deng', 'office', 'inspector'] as const;
  const STEPS = ['progress', 'request', 'confirm', 'return', 'status', 'sync'] as const;

  it('every replica converges on one valid state, and a closed problem’s confirmer is never its requester', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(...STEPS), fc.constantFrom(...ACTORS)), { minLength: 1, maxLength: 40 }),
        (steps) => {
          const first = raised();
          const replicas = [first, replicaOf(first), replicaOf(first)];
          let at = MARCH_1 + 10 * 86_400_000;
          for (const [index, step, actor] of steps) {
            const doc = replicas[index] as Y.Doc;
            at += 60_000;
            const author = { memberId: actor, at };
            if (step === 'progress') reportProblemProgress(doc, 'q1', `进展 ${at}`, author);
            else if (step === 'request') requestProblemClose(doc, 'q1', `佐证 ${at}`, author);
            else if (step === 'confirm') confirmProblemClose(doc, 'q1', author);
            else if (step === 'return') returnProblemClose(doc, 'q1', `退回 ${at}`, author);
            else if (step === 'status') setProblemStatus(doc, 'q1', 'open', author);
            else sync(doc, replicas[(index + 1) % 3] as Y.Doc);
          }
          sync(replicas[0] as Y.Doc, replicas[1] as Y.Doc);
          sync(replicas[1] as Y.Doc, replicas[2] as Y.Doc);
          sync(replicas[0] as Y.Doc, replicas[1] as Y.Doc);
          const states = replicas.map((d) => problemOf(d, 'q1'));
          expect(states[1]).toEqual(states[0]);
          expect(states[2]).toEqual(states[0]);
          const p = states[0] as Problem;
          if (p.status === 'closeRequested') expect(p.request).not.toBeNull();
          if (p.status === 'resolved') expect(p.resolution?.by).not.toBe(p.request?.by);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });
});
