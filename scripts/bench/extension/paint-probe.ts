/**
 * Injected into every measured page before its own scripts (Playwright's addInitScript): records when the first
 * moment the page's "painted" conditions held in the DOM, and when the frame holding it was drawn (the next
 * animation frame, then a task after it). Times are performance.now(): ms since navigation start.
 *
 * Kept as source text: a function compiled by tsx would carry esbuild's `__name` helper, which the page lacks.
 */
export interface PaintTimes {
  insertedAt: number;
  paintedAt: number;
}

/** Painted when every condition holds: an element matches the selector (and, if given, its text includes `text`). */
export interface PaintCondition {
  selector: string;
  text?: string;
}

export function paintProbeSource(conditions: readonly PaintCondition[]): string {
  return `(() => {
  const conditions = ${JSON.stringify(conditions)};
  const holds = () => conditions.every((c) => {
    const el = document.querySelector(c.selector);
    return el !== null && (c.text === undefined || (el.textContent || '').includes(c.text));
  });
  const done = () => {
    const insertedAt = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__paint = { insertedAt, paintedAt: performance.now() }; };
      channel.port2.postMessage(null);
    });
  };
  if (document.documentElement && holds()) { done(); return; }
  const observer = new MutationObserver(() => {
    if (!holds()) return;
    observer.disconnect();
    done();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;
}
