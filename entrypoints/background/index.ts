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
    now: Date.now,
    onlineEvents: self,
  });
});
