import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectDocName, workspaceDocName } from '../../shared/model/doc-names';
import { readProjectDoc } from '../../shared/model/project-read';
import { readActivity } from '../../shared/model/activity';
import { resolveProblem } from '../../shared/model/project-problems';
import { readWorkspace } from '../../shared/model/workspace-read';
import { toWorkspaceData } from '../../shared/model/bundles';
import { t } from '../../shared/i18n';
import { ProjectIdSchema } from '../../shared/schema/common';
import type { Problem } from '../../shared/schema/problem';
import { CloseCode } from '../../shared/protocol/close-codes';
import { loadDoc } from '../../server/bundle/store-bundle';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { joinWithOptionsPage, waitUntil } from '../../scripts/browser/extension-pages';
import { pickSharedProject, startDemoServer, type DemoServer, type SharedProject } from './support/demo-server';
import { openPopup, projectRow, screenshot, waitForEditControls } from './support/extension-pages';
import { modelUpdateMessage, sendFromPage, storedToken } from './support/forged-write';

const presence = chromiumPresence();
const zh = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('zh-CN', key, params);

/**
 * Opens the popup and watches it until `ok` holds for what `read` finds there; a popup that has not got there in 15 s is
 * opened afresh (a new paint from what the worker stored since), for at most a minute.
 */
async function popupUntil<T>(profile: Profile, read: (page: Page) => Promise<T>, ok: (value: T) => boolean, what: string): Promise<Page> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await openPopup(profile);
    try {
      await waitUntil(() => read(page), ok, what, Math.min(15_000, Math.max(1_000, deadline - Date.now())));
      return page;
    } catch (error) {
      await page.close();
      if (Date.now() >= deadline) throw error;
    }
  }
}

describe.skipIf(!presence.run)('the problem loop across members: 交办 → 报进展 → 申请销号 → 项目办确认', () => {
  let server: DemoServer;
  let project: SharedProject;
  /** A department of the demo city whose head (一把手) is a plain member with nothing to do with the project. */
  let department: { id: string; name: string; headId: string; headName: string };
  let reporter: Profile;
  let head: Profile;
  let office: Profile;
  const description = `化工园区污水管网环评批复未下达（e2e ${process.pid}）`;

  beforeAll(async () => {
    server = await startDemoServer('problem-loop');
    project = await pickSharedProject(server);
    const wsDoc = await loadDoc(server.running.app.store, workspaceDocName(server.workspaceId));
    const data = wsDoc ? toWorkspaceData(readWorkspace(wsDoc)).data : null;
    wsDoc?.destroy();
    if (!data) throw new Error('the demo workspace does not read');
    const entry = data.registry.find((e) => e.id === project.projectId);
    const involved = new Set([entry?.ownerId, entry?.leaderId, ...(entry?.team ?? [])]);
    const members = new Map(data.members.map((m) => [m.id, m]));
    const unit = data.units.find(
      (u) => u.kind === 'department' && !u.archived && u.headId && members.get(u.headId)?.role === 'member' && !involved.has(u.headId),
    );
    if (!unit?.headId) throw new Error('the demo has no department headed by a plain member');
    department = { id: unit.id, name: unit.name, headId: unit.headId, headName: members.get(unit.headId)?.name ?? '' };

    reporter = await launchProfile('reporter');
    await joinWithOptionsPage(reporter, server.url, await server.invite(project.owner.memberId, 'member'));
    head = await launchProfile('head');
    await joinWithOptionsPage(head, server.url, await server.invite(department.headId, 'member'));
  });
  afterAll(async () => {
    await reporter?.dispose();
    await head?.dispose();
    await office?.dispose();
    await server?.dispose();
  });

  const stored = async (): Promise<{ problem: Problem | undefined; activity: Array<{ by: string; action: string }> }> => {
    const held = await server.running.app.sync.getDocument(projectDocName(server.workspaceId, ProjectIdSchema.parse(project.projectId)));
    try {
      const read = readProjectDoc(held.doc);
      const problem = read.problems.flatMap((p) => (p.ok && p.value.description === description ? [p.value] : []))[0];
      const activity = readActivity(held.doc).flatMap((a) => (a.ok && a.value.record?.id === problem?.id ? [{ by: a.value.by, action: a.value.action }] : []));
      return { problem, activity };
    } finally {
      held.release();
    }
  };

  it('the owner raises a problem for a department: its head answers for it, the reporter follows it and cannot close it', async () => {
    const popup = await openPopup(reporter);
    await waitForEditControls(popup, project.projectId);
    const row = projectRow(popup, project.projectId);
    await row.locator('.item-actions button', { hasText: zh('ui.problem.add') }).click();
    const form = row.locator('form.problem-form');
    await form.locator('textarea').fill(description);
    await form.locator('select').nth(0).selectOption(department.id);
    // the 责任人 defaults to the department's head, by name
    expect(await form.locator('select').nth(1).locator('option').first().innerText()).toContain(department.headName);
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached', timeout: 10_000 });

    const raised = await waitUntil(stored, (s) => s.problem !== undefined, 'the problem to reach the server');
    expect(raised.problem).toMatchObject({
      departmentId: department.id,
      ownerId: null,
      status: 'open',
      escalation: 'assigned',
      raised: { by: project.owner.memberId },
    });

    // the reporter's popup: in "我提出的问题", with its 责任人; not on his own list, nothing to close it with
    const mine = await popupUntil(
      reporter,
      (page) => page.locator('section.section-raised li', { hasText: description }).count(),
      (n) => n === 1,
      'the problem in the reporter’s “problems I raised”',
    );
    const line = mine.locator('section.section-raised li', { hasText: description });
    expect(await line.innerText()).toContain(zh('ui.raised.responsible', { name: department.headName }));
    expect(await mine.locator('li.item-problem', { hasText: description }).count()).toBe(0);
    expect(await line.locator('button').count()).toBe(0);
    await screenshot(mine, 'problem-loop-reporter');

    // past the UI: his own token, a closing written with the model, is refused by the server and changes nothing
    const token = await storedToken(mine);
    const room = projectDocName(server.workspaceId, ProjectIdSchema.parse(project.projectId));
    const problemId = raised.problem?.id ?? '';
    const forged = await sendFromPage(
      mine,
      `${server.running.wsUrl}/${room}?token=${encodeURIComponent(token)}`,
      await modelUpdateMessage(server, project.projectId, (doc) =>
        resolveProblem(doc, problemId, '我说解决了', { memberId: project.owner.memberId, at: Date.now() }),
      ),
    );
    expect(forged.closeCode).toBe(CloseCode.changeRefused);
    expect((await stored()).problem?.status).toBe('open');
  });

  it('the head sees it in his popup, reports progress and requests 销号 with evidence; the 项目办 confirms it', async () => {
    const popup = await popupUntil(
      head,
      (page) => page.locator('li.item-problem', { hasText: description }).locator('button').count(),
      (n) => n >= 2,
      'the problem with its actions in the head’s popup',
    );
    const item = () => popup.locator('li.item-problem', { hasText: description });
    expect(await item().locator('button').allInnerTexts()).toEqual([zh('ui.problem.progress'), zh('ui.problem.requestClose')]);

    await item()
      .locator('button', { hasText: zh('ui.problem.progress') })
      .click();
    await item().locator('form.note-progress textarea').fill('已与省生态环境厅对接，补充材料本周报送');
    await item().locator('form.note-progress button[type="submit"]').click();
    await popup.locator('.notice', { hasText: zh('ui.problem.progressReported') }).waitFor({ timeout: 20_000 });

    await item()
      .locator('button', { hasText: zh('ui.problem.requestClose') })
      .click();
    await item().locator('form.note-request textarea').fill('环评批复已下达，文号 环审〔2026〕12 号');
    await item().locator('form.note-request button[type="submit"]').click();
    await popup.locator('.notice', { hasText: zh('ui.problem.closeRequested') }).waitFor({ timeout: 20_000 });
    await screenshot(popup, 'problem-loop-head');

    const asked = await waitUntil(stored, (s) => s.problem?.status === 'closeRequested', 'the 销号 request to reach the server');
    expect(asked.problem).toMatchObject({
      progress: { by: department.headId, note: '已与省生态环境厅对接，补充材料本周报送' },
      request: { by: department.headId, evidence: '环评批复已下达，文号 环审〔2026〕12 号' },
    });

    office = await launchProfile('office');
    await joinWithOptionsPage(office, server.url, server.printedInvite('admin').code);
    const desk = await popupUntil(
      office,
      (page) => page.locator('section.section-confirmations li', { hasText: description }).count(),
      (n) => n === 1,
      'the request in the 项目办’s “待确认销号”',
    );
    const waiting = desk.locator('section.section-confirmations li', { hasText: description });
    await waiting.locator('button', { hasText: zh('ui.problem.confirmClose') }).click();
    await waiting.locator('button', { hasText: zh('ui.problem.confirmCloseSure') }).click();
    await desk.locator('.notice', { hasText: zh('ui.problem.closeConfirmed') }).waitFor({ timeout: 20_000 });

    const closed = await waitUntil(stored, (s) => s.problem?.status === 'resolved', 'the confirmation to reach the server');
    const admin = server.printedInvite('admin').memberId;
    expect(closed.problem).toMatchObject({
      resolution: { by: admin, evidence: '环评批复已下达，文号 环审〔2026〕12 号' },
      request: { by: department.headId },
    });
    // the history says who did what: raised by the owner, progress and request by the head, confirmed by the 项目办
    expect(closed.activity.map((a) => [a.by, a.action])).toEqual(
      expect.arrayContaining([
        [project.owner.memberId, 'problem.add'],
        [department.headId, 'problem.progress'],
        [department.headId, 'problem.requestClose'],
        [admin, 'problem.confirmClose'],
      ]),
    );
  });
});
