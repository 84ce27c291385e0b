/**
 * One measured opening of a page in a running browser: a fresh tab, the paint probe injected before the page's own
 * scripts, navigation, and the probe's times (ms since navigation start, read from the page itself).
 */
import type { BrowserContext } from 'playwright-core';
import { paintProbeSource, type PaintCondition, type PaintTimes } from './paint-probe';

export interface Opening {
  url: string;
  /** What counts as painted: all of these hold in the DOM. */
  painted: PaintCondition[];
  viewport: { width: number; height: number };
}

export async function measurePaint(context: BrowserContext, opening: Opening): Promise<PaintTimes> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(opening.viewport);
    await page.addInitScript({ content: paintProbeSource(opening.painted) });
    await page.goto(opening.url);
    const handle = await page.waitForFunction(() => (window as unknown as { __paint?: PaintTimes }).__paint, undefined, { timeout: 60_000 });
    return (await handle.jsonValue()) as PaintTimes;
  } finally {
    await page.close();
  }
}

export interface PeerTimes {
  bytes: number;
  projects: number;
  fetchMs: number;
  applyMs: number;
  readMs: number;
  doneAt: number;
}

/** The single-document peer: fetch + apply + read, timed inside the page. */
export async function measurePeer(context: BrowserContext, url: string): Promise<PeerTimes> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction(() => (window as unknown as { __peer?: PeerTimes }).__peer, undefined, { timeout: 60_000 });
    return (await handle.jsonValue()) as PeerTimes;
  } finally {
    await page.close();
  }
}
