/**
 * The admin console (issue #9 §4) in Chromium with the built extension, against the real demo server: the 项目办 adds
 * a unit and a member, edits a project, archives and restores it, changes a campaign setting (a bad value is refused
 * at its field), creates an invite with a QR code that a cadre's browser opens to join, and revokes one; a member who
 * opens the console reads it only, and their options page offers no link to it. Every change is checked where it
 * counts: in the server's stored documents.
 */
import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectDocName, workspaceDocName } from '../../shared/model/doc-names';
import { readProjectDoc } from '../../shared/model/project-read';
import { validValues } from '../../shared/model/result';
import { readWorkspace } from '../../shared/model/workspace-read';
import { t } from '../../shared/i18n';
import { ProjectIdSchema } from '../../shared/schema/common';
import { loadDoc } from '../../server/bundle/store-bundle';
import { chromiumPresence, launchProfile, type Profile } from '../../scripts/browser/chromium';
import { BOARD_VIEWPORT, joinWithOptionsPage } from '../../scripts/browser/extension-pages';
import { startDemoServer, type DemoServer } from './support/demo-server';
import { screenshot } from './support/extension-pages';

const presence = chromiumPresence();
const WAIT = { timeout: 20_000, interval: 200 };

describe.skipIf(!presence.run)('the admin console (项目办)', () => {
  let server: DemoServer;
  let admin: Profile;
  let member: Profile;
  const profiles: Profile[] = [];

  beforeAll(async () => {
    server = await startDemoServer('admin-console');
    admin = await launchProfile('admin');
    member = await launchProfile('member');
    profiles.push(admin, member);
    await joinWithOptionsPage(admin, server.url, server.printedInvite('admin').code);
    await joinWithOptionsPage(member, server.url, server.printedInvite('member').code);
  });
  afterAll(async () => {
    for (const p of profiles) await p.dispose();
    await server?.dispose();
  });

  /** What the server has stored of a document (what a restart or a newcomer gets). */
  async function stored<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const doc = await loadDoc(server.running.app.store, name);
    if (!doc) throw new Error(`${name} is not stored`);
    try {
      return read(doc);
    } finally {
      doc.destroy();
    }
  }
  const storedWorkspace = () => stored(workspaceDocName(server.workspaceId), (d) => readWorkspace(d));

  async function openConsole(profile: Profile): Promise<Page> {
    const page = await profile.open('admin.html', BOARD_VIEWPORT);
    await page.locator('.admin-tabs').waitFor({ timeout: 20_000 });
    return page;
  }
  const tab = (page: Page, key: string) => page.locator(`.admin-tabs [data-tab="${key}"]`).click();

  it('an admin adds a unit and a member, edits a project, archives and restores it, and changes a campaign setting', async () => {
    const options = await admin.open('options.html', { width: 900, height: 800 });
    await options.locator('.workspace-list .admin-link').waitFor({ timeout: 10_000 });
    await options.close();

    const page = await openConsole(admin);
    expect(await page.locator('.read-only-notice').count()).toBe(0);

    // 单位: a task force
    await tab(page, 'units');
    await page.locator('.admin-units button.add').click();
    const unitForm = page.locator('.admin-units form.add-form');
    await unitForm.locator('[name="name"]').fill('新能源汽车产业专班');
    await unitForm.locator('[name="kind"]').selectOption('taskForce');
    await unitForm.locator('button[type="submit"]').click();
    await page.locator('.admin-units table tr', { hasText: '新能源汽车产业专班' }).waitFor();
    await vi.waitFor(async () => {
      const unit = validValues((await storedWorkspace()).units).find((u) => u.name === '新能源汽车产业专班');
      expect(unit).toMatchObject({ kind: 'taskForce', archived: false });
    }, WAIT);

    // 人员: a 正科级 cadre in that unit; an empty name is refused at its field first
    await tab(page, 'members');
    await page.locator('.admin-members button.add').click();
    const memberForm = page.locator('.admin-members form.add-form');
    await memberForm.locator('button[type="submit"]').click();
    await memberForm.locator('.form-field.invalid [name="name"]').waitFor();
    expect(await memberForm.locator('.field-error').first().innerText()).toBe(t('zh-CN', 'err.text.required'));
    await memberForm.locator('[name="name"]').fill('周明远');
    await memberForm.locator('[name="rank"]').selectOption('section');
    await memberForm.locator('[name="unitId"]').selectOption({ label: '新能源汽车产业专班' });
    await memberForm.locator('button[type="submit"]').click();
    await page.locator('.admin-members table tr', { hasText: '周明远' }).waitFor();
    await vi.waitFor(async () => {
      const ws = await storedWorkspace();
      const unit = validValues(ws.units).find((u) => u.name === '新能源汽车产业专班');
      expect(validValues(ws.members).find((m) => m.name === '周明远')).toMatchObject({ rank: 'section', role: 'member', unitId: unit?.id });
    }, WAIT);

    // 项目: edit one, then archive and restore it
    await tab(page, 'projects');
    const firstRow = page.locator('.admin-projects table tbody tr[data-id]').first();
    const projectId = (await firstRow.getAttribute('data-id')) ?? '';
    const room = projectDocName(server.workspaceId, ProjectIdSchema.parse(projectId));
    const row = page.locator(`.admin-projects tr[data-id="${projectId}"]`);
    await row.locator('button.edit').click();
    const editForm = page.locator('.admin-projects form.edit-form');
    await editForm.waitFor({ timeout: 20_000 });
    const oldName = await editForm.locator('[name="name"]').inputValue();
    const newName = `${oldName}（一期）`;
    await editForm.locator('[name="name"]').fill(newName);
    await editForm.locator('[name="totalInvestmentWan"]').fill('abc');
    await editForm.locator('button[type="submit"]').click();
    await editForm.locator('.form-field.invalid [name="totalInvestmentWan"]').waitFor();
    const total = await stored(room, (d) => {
      const p = readProjectDoc(d).project;
      return p.ok ? p.value.totalInvestmentWan : -1;
    });
    await editForm.locator('[name="totalInvestmentWan"]').fill(String(total + 1000));
    await editForm.locator('button[type="submit"]').click();
    await editForm.waitFor({ state: 'detached' });
    await vi.waitFor(async () => {
      const project = await stored(room, (d) => readProjectDoc(d).project);
      expect(project.ok && project.value).toMatchObject({ name: newName, totalInvestmentWan: total + 1000 });
      expect(validValues((await storedWorkspace()).registry).find((r) => r.id === projectId)?.name).toBe(newName);
    }, WAIT);

    await row.locator('button.archive').click();
    await page.locator('.admin-projects .notice', { hasText: newName }).waitFor();
    expect(await row.count()).toBe(0);
    await vi.waitFor(async () => {
      const project = await stored(room, (d) => readProjectDoc(d).project);
      expect(project.ok && project.value.archived).toBe(true);
      expect(validValues((await storedWorkspace()).registry).find((r) => r.id === projectId)?.archived).toBe(true);
    }, WAIT);
    await page.locator('.admin-projects .show-archived input').check();
    await row.locator('button.restore').click();
    await page.locator(`.admin-projects tr[data-id="${projectId}"]:not(.archived)`).waitFor();
    await vi.waitFor(async () => {
      const project = await stored(room, (d) => readProjectDoc(d).project);
      expect(project.ok && project.value.archived).toBe(false);
      expect(validValues((await storedWorkspace()).registry).find((r) => r.id === projectId)?.archived).toBe(false);
    }, WAIT);

    // 活动设置: the 月报 due day; 40 is refused at its field, 10 is stored
    await tab(page, 'campaign');
    const campaignForm = page.locator('form.campaign-form');
    await campaignForm.locator('[name="reportDueDay"]').fill('40');
    await campaignForm.locator('button[type="submit"]').click();
    await campaignForm.locator('.form-field.invalid [name="reportDueDay"]').waitFor();
    expect(await campaignForm.locator('.field-error').first().innerText()).toBe(t('zh-CN', 'err.campaign.reportDueDay'));
    await campaignForm.locator('[name="reportDueDay"]').fill('10');
    await campaignForm.locator('[name="paceBasis"]').selectOption('days');
    await campaignForm.locator('button[type="submit"]').click();
    await campaignForm.locator('.saved').waitFor();
    await vi.waitFor(async () => {
      const campaign = (await storedWorkspace()).campaign;
      expect(campaign.ok && campaign.value).toMatchObject({ reportDueDay: 10, pace: { basis: 'days' } });
    }, WAIT);
    await screenshot(page, 'admin-console-campaign');
    await page.close();
  });

  it('an admin creates an invite with a QR code whose link joins a new browser, and revokes another so it no longer joins', async () => {
    const page = await openConsole(admin);
    await tab(page, 'invites');
    const form = page.locator('form.invite-form');
    const created = page.locator('.created-invite');

    const createInvite = async (name: string): Promise<{ code: string; link: string }> => {
      await form.locator('[name="who"]').selectOption('new');
      await form.locator('[name="name"]').fill(name);
      await form.locator('[name="role"]').selectOption('member');
      await form.locator('button[type="submit"]').click();
      await created.filter({ hasText: name }).waitFor({ timeout: 15_000 });
      return { code: await created.locator('.invite-code').innerText(), link: (await created.locator('a.invite-link').getAttribute('href')) ?? '' };
    };

    const first = await createInvite('刘新来');
    expect(first.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await created.locator('img.invite-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(new URL(first.link).searchParams.get('code')).toBe(first.code);
    await page.locator('.open-invites li', { hasText: '刘新来' }).waitFor();
    await screenshot(page, 'admin-console-invite');

    // the link opens the options page of a fresh browser with everything filled in: one click joins
    const cadre = await launchProfile('cadre');
    profiles.push(cadre);
    const joinPage = await cadre.context.newPage();
    await joinPage.goto(first.link.replace(/^chrome-extension:\/\/[^/]+\//, cadre.url('')));
    await joinPage.locator('form.join-form .from-link').waitFor();
    await joinPage.locator('form.join-form button[type="submit"]').click();
    await joinPage.locator('form.join-form .joined').waitFor({ timeout: 15_000 });
    await vi.waitFor(async () => {
      expect(validValues((await storedWorkspace()).members).some((m) => m.name === '刘新来')).toBe(true);
    }, WAIT);

    // a second invite, revoked: gone from the list, and its code is refused in plain words
    const second = await createInvite('赵待定');
    const listed = page.locator('.open-invites li', { hasText: '赵待定' });
    await listed.locator('button.revoke').click();
    await page.locator('.admin-invites .notice').waitFor();
    await listed.waitFor({ state: 'detached' });
    const join = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: second.code }),
    });
    expect(join.status).toBe(410);
    expect(((await join.json()) as { error: { code: string } }).error.code).toBe('invite.revoked');
    await page.close();
  });

  it('a member who opens the console reads it only: no edit control, no invites, and no link on their options page', async () => {
    const options = await member.open('options.html', { width: 900, height: 800 });
    await options.locator('.workspace-list .workspace').waitFor();
    expect(await options.locator('.admin-link').count()).toBe(0);
    await options.close();

    const page = await openConsole(member);
    await page.locator('.read-only-notice').waitFor();
    expect(await page.locator('.read-only-notice').innerText()).toBe(t('zh-CN', 'admin.readOnly'));
    await tab(page, 'units');
    await page.locator('.admin-units table').waitFor();
    expect(await page.locator('button.add, .row-actions, button.archive, button.edit').count()).toBe(0);
    await tab(page, 'campaign');
    expect(await page.locator('form.campaign-form button[type="submit"]').count()).toBe(0);
    expect(await page.locator('form.campaign-form [name="reportDueDay"]').isDisabled()).toBe(true);
    await tab(page, 'invites');
    expect(await page.locator('form.invite-form').count()).toBe(0);
    await screenshot(page, 'admin-console-member');
    await page.close();
  });

  it('offline, an edit is kept and syncs when the server is back; an invite says plainly that it needs the server', async () => {
    const page = await openConsole(admin);
    await page.locator('.admin-header .sync-status[data-state="online"]').waitFor({ timeout: 20_000 });
    // Playwright's setOffline does not reach extension pages' WebSockets (see offline-convergence): the server goes away.
    await server.stop();
    await page.locator('.admin-header .sync-status[data-state="offline"]').waitFor({ timeout: 20_000 });

    await tab(page, 'units');
    await page.locator('.admin-units button.add').click();
    const unitForm = page.locator('.admin-units form.add-form');
    await unitForm.locator('[name="name"]').fill('离线新增的专班');
    await unitForm.locator('button[type="submit"]').click();
    await page.locator('.admin-units table tr', { hasText: '离线新增的专班' }).waitFor();

    await tab(page, 'invites');
    await page.locator('.admin-invites .invite-problem').waitFor({ timeout: 15_000 });
    expect(await page.locator('.admin-invites .invite-problem').innerText()).toBe(t('zh-CN', 'admin.invite.offline'));
    const form = page.locator('form.invite-form');
    await form.locator('[name="name"]').fill('王离线');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('.field-error').innerText()).toBe(t('zh-CN', 'admin.invite.offline'));

    await server.restart();
    await vi.waitFor(
      async () => {
        expect(validValues((await storedWorkspace()).units).some((u) => u.name === '离线新增的专班')).toBe(true);
      },
      { timeout: 60_000, interval: 500 },
    );
    await page.close();
  });
});
