import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openGuatuDb } from '../../client/db';
import { openSession } from '../../client/session';
import { startBackground } from './wiring';

export default defineBackground(() => {
  startBackground({
    browser,
    db: openGuatuDb(),
    // While a pass runs its documents relay to open pages, so a popup sees what the pass pulled in at once.
    openSession: (ws) => openSession(ws),
    // A page that asks for its checklist to be recomputed holds the connected session; the worker reads local state.
    openLocalSession: (ws) => openSession(ws, { connect: false }),
    now: Date.now,
    onlineEvents: self,
  });
});
