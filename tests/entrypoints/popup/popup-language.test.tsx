// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openGuatuDb, setLocale, workspaceKey, type GuatuDb, type JoinedWorkspace } from '../../../client/db';
import { computeProjection } from '../../../client/projection';
import { readPopupFirst } from '../../../client/popup-first-read';
import { hasPageMessages } from '../../../components/common/page-messages';
import { App } from '../../../entrypoints/popup/App';
import { EXTENSION_PAGE_TABLES } from '../../../shared/i18n/extension-pages';
import { readWorkspace } from '../../../shared/model/workspace-read';
import { toWorkspaceData } from '../../../shared/model/bundles';
import { AS_OF, buildWorld, ME, type World } from '../../components/checklist/world';
import { fakeSession } from './fake-session';

// The popup downloads only the language it shows (components/common/page-messages.ts). What a cadre must never see
// meanwhile: a raw message key, or the other language for a moment. The loaded languages are this file's module state:
// the first test runs before any language is loaded.

const NOW = Date.UTC(2026, 3, 3, 2);
const SERVER = 'http://127.0.0.1:8787';
const KEYS = new Set(EXTENSION_PAGE_TABLES.flatMap((table) => Object.keys(table['zh-CN'])));
let db: GuatuDb;
let n = 0;

const ws: JoinedWorkspace = {
  key: workspaceKey(SERVER, 'ws1'),
  serverUrl: SERVER,
  workspaceId: 'ws1',
  workspaceName: '云川市2026年项目建设年',
  memberId: ME,
  memberName: '张伟',
  role: 'member',
  token: 'tok',
  expiresAt: NOW + 30 * 86_400_000,
  joinedAt: NOW - 86_400_000,
};

async function storeChecklist(world: World): Promise<void> {
  await db.workspaces.put(ws);
  const data = toWorkspaceData(readWorkspace(world.workspace)).data!;
  await db.projections.put(computeProjection(ws.key, ME, data, [], AS_OF, NOW));
}

/** Every text the page shows from now on, as it appears. */
function watchTexts(): { texts: string[]; stop: () => void } {
  const texts: string[] = [];
  const record = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
    else if (node instanceof Element) {
      texts.push(node.textContent ?? '');
      for (const name of ['aria-label', 'title', 'placeholder']) if (node.hasAttribute(name)) texts.push(node.getAttribute(name) ?? '');
    }
  };
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'characterData') record(change.target);
      else if (change.type === 'attributes') record(change.target);
      else for (const node of change.addedNodes) record(node);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  return { texts, stop: () => observer.disconnect() };
}

const rawKeys = (texts: readonly string[]): string[] => texts.filter((text) => [...KEYS].some((key) => text.includes(key)));

beforeEach(() => {
  db = openGuatuDb(`popup-language-${n++}`);
});
afterEach(async () => {
  cleanup();
  db.close();
});

describe("the popup's language", () => {
  it('paints first in the stored language, never a raw key, and downloads that language only', async () => {
    const world = buildWorld();
    await storeChecklist(world);
    await setLocale(db, 'en');
    const first = await readPopupFirst(db.name);
    expect(first?.locale).toBe('en');
    expect(hasPageMessages('en')).toBe(false);
    const seen = watchTexts();
    const never = new Promise<void>(() => {});
    render(
      <App
        dbName={db.name}
        first={first}
        onOpenOptions={() => {}}
        onOpenBoard={() => {}}
        now={() => NOW}
        openSession={(w) => fakeSession(w, world, { loaded: never })}
      />,
    );
    expect(await screen.findByRole('button', { name: 'Options' })).toBeTruthy();
    expect(screen.getByText('Q2 · Double half')).toBeTruthy();
    seen.stop();
    expect(rawKeys(seen.texts)).toEqual([]);
    expect(seen.texts.join('\n')).not.toMatch(/设置|逾期|季度/);
    expect(hasPageMessages('zh-CN')).toBe(false);
  });

  it('changes when the language is changed while the popup is open: the old one stays until the new one has loaded', async () => {
    const world = buildWorld();
    await storeChecklist(world);
    await setLocale(db, 'en');
    const never = new Promise<void>(() => {});
    render(
      <App dbName={db.name} onOpenOptions={() => {}} onOpenBoard={() => {}} now={() => NOW} openSession={(w) => fakeSession(w, world, { loaded: never })} />,
    );
    expect(await screen.findByRole('button', { name: 'Options' })).toBeTruthy();
    // not loaded before: the first test painted English only
    expect(hasPageMessages('zh-CN')).toBe(false);
    const seen = watchTexts();
    await setLocale(db, 'zh-CN');
    expect(await screen.findByRole('button', { name: '设置' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('二季度 · 双过半')).toBeTruthy();
    seen.stop();
    expect(rawKeys(seen.texts)).toEqual([]);
  });
});
