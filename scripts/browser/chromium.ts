// Launching Debian's Chromium with the built extension, shared by the end-to-end tests and `npm run bench:extension`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** Debian's Chromium; playwright-core drives it and never downloads a browser (.ci/run installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The built extension (`npx wxt build`; the e2e global setup builds it before any test, the benchmark its own copy). */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * Whether the browser tests can run here. Without Chromium they are skipped on a developer's machine, but in CI
 * (which installs it) a missing browser is an error, not a silent skip.
 */
export function chromiumPresence(): { run: true } | { run: false; reason: string } {
  if (existsSync(CHROMIUM_PATH)) return { run: true };
  const reason = `${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\` to run the browser tests`;
  if (process.env.CI) throw new Error(`CI must run the browser tests, but ${reason}`);
  return { run: false, reason };
}

export const CHROMIUM_ARGS = (ext: string): string[] => [
  `--disable-extensions-except=${ext}`,
  `--load-extension=${ext}`,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One browser profile with the extension loaded: its own user-data dir, so its own IndexedDB and Dexie. */
export interface Profile {
  name: string;
  userDataDir: string;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** chrome-extension://<id>/<path> */
  url(path: string): string;
  /** Opens an extension page in a new tab at a popup-like size unless told otherwise. */
  open(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Closes the browser; the user-data dir stays until `dispose`, so the profile can be launched again. */
  close(): Promise<void>;
  dispose(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a user-data dir (a browser restarted with the same profile). */
  userDataDir?: string;
  extensionDir?: string;
}

export async function launchProfile(name: string, options: LaunchOptions = {}): Promise<Profile> {
  const ext = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error(`no built extension at ${ext}: run \`npx wxt build\``);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), `guatu-e2e-${name}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true, // the new headless mode loads extensions
    args: CHROMIUM_ARGS(ext),
    viewport: { width: 420, height: 640 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // The id depends on the folder's path: always read it from the worker's address.
  const extensionId = new URL(worker.url()).host;
  const url = (path: string): string => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context.close();
  };
  return {
    name,
    userDataDir,
    context,
    worker,
    extensionId,
    url,
    async open(path, viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      const target = url(path);
      try {
        await page.goto(target);
      } catch (error) {
        // On install the extension opens its options page itself, which can take over this very tab mid-navigation
        // (Playwright: "interrupted by another navigation"); the page then still ends where it was asked to go.
        if (!(error instanceof Error && error.message.includes('interrupted by another navigation'))) throw error;
        await page.waitForLoadState('load');
        if (page.url() !== target) await page.goto(target);
      }
      return page;
    },
    close,
    async dispose() {
      await close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
