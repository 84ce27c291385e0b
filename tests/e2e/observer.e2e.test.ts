import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDocName } from '../../shared/model/doc-names';
import { readProjectDoc } from '../../shared/model/project-read';
import { t } from '../../shared/i18n';
import { STAGES, type Stage } from '../../shared/schema/stage';
import { connect, joinWith, synced, type Client } from '../server/app/fixtures';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { pickSharedProject, startDemoServer, type DemoServer, type SharedProject } from './support/demo-server';
import { joinWithOptionsPage, waitUntil } from '../../scripts/browser/extension-pages';
import { openBoard, openDrill, openPopup, screenshot } from './support/extension-pages';
import { sendFromPage, stageUpdateMessage } from './support/forged-write';
import { ProjectIdSchema } from '../../shared/schema/common';

const presence = chromiumPresence();

describe.skipIf(!presence.run)('an observer (督查室) in the browser', () => {
  let server: DemoServer;
  let project: SharedProject;
  let observer: Profile;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startDemoServer('observer');
    project = await pickSharedProject(server);
    observer = await launchProfile('observer');
    await joinWithOptionsPage(observer, server.url, server.printedInvite('observer').code);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await observer?.dispose();
    await server?.dispose();
  });

  it('sees the board and the project but no edit control anywhere', async () => {
    const popup = await openPopup(observer);
    await waitUntil(
      () => popup.locator('.popup-header .me').innerText(),
      (text) => text.includes(t('zh-CN', 'role.observer')),
      'the popup to know the observer',
    );
    expect(await popup.locator('.item-actions button, input.tick, form').count()).toBe(0);

    const board = await openBoard(observer);
    const drill = await openDrill(board, project.projectId, project.name);
    await drill.locator('.drill-details [data-field="stage"]').waitFor();
    expect(await drill.locator('.muted', { hasText: t('zh-CN', 'board.drill.noRights') }).count()).toBe(1);
    expect(await drill.locator('.drill-details button').count()).toBe(0);
    await screenshot(board, 'observer-board-drill');
  });

  it('a stage change forced through its page with its token is dropped by the server; a member’s gets through', async () => {
    const { wsUrl } = server.running;
    const room = projectDocName(server.workspaceId, ProjectIdSchema.parse(project.projectId));
    // Another client of the project (the 联系领导), watching every stage the document takes.
    const leader = await joinWith(server.url, await server.invite(project.leader.memberId, project.leader.role));
    const watcher = connect(wsUrl, room, leader.token);
    clients.push(watcher);
    await synced(watcher);
    const seen = new Set<string>();
    const stageOf = (): string | null => {
      const read = readProjectDoc(watcher.doc).project;
      return read.ok ? read.value.stage : null;
    };
    watcher.doc.on('update', () => seen.add(stageOf() ?? 'invalid'));
    expect(stageOf()).toBe(project.stage);

    const others = STAGES.filter((s) => s !== project.stage);
    const forged: Stage = others[0]!;
    const legit: Stage = others[1]!;
    const observerToken = await observer.worker.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('guatu');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const rows = open.result.transaction('workspaces').objectStore('workspaces').getAll();
            rows.onsuccess = () => resolve(String((rows.result[0] as { token?: unknown } | undefined)?.token ?? ''));
            rows.onerror = () => reject(rows.error);
          };
        }),
    );
    expect(observerToken).not.toBe('');

    const page = await observer.open('popup.html');
    const today = new Date().toISOString().slice(0, 10);
    const refused = await sendFromPage(
      page,
      `${wsUrl}/${room}?token=${encodeURIComponent(observerToken)}`,
      await stageUpdateMessage(server, project.projectId, forged, server.printedInvite('observer').memberId, today),
    );
    expect(refused.answered || refused.closeCode !== null).toBe(true);

    // The control: the same forged bytes path with a member's token is accepted and reaches the watcher. The server
    // handles a document's messages in order, so once this arrives the observer's was handled before it.
    const owner = await joinWith(server.url, await server.invite(project.owner.memberId, 'member'));
    const accepted = await sendFromPage(
      page,
      `${wsUrl}/${room}?token=${encodeURIComponent(owner.token)}`,
      await stageUpdateMessage(server, project.projectId, legit, owner.memberId, today),
    );
    expect(accepted).toEqual({ answered: true, closeCode: null });
    await waitUntil(
      async () => stageOf(),
      (stage) => stage === legit,
      'the member’s stage change to reach the watcher',
    );

    expect(seen.has(forged)).toBe(false);
    const held = await server.running.app.sync.getDocument(room);
    try {
      const stored = readProjectDoc(held.doc).project;
      expect(stored.ok && stored.value.stage).toBe(legit);
    } finally {
      held.release();
    }
  });
});
