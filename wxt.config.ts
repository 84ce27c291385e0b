import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { pageMessagesPlugin } from './scripts/build/page-messages-plugin.ts';

/**
 * The manifest `key`: the public half of the extension's key pair, which fixes the extension id (and so its origin and
 * IndexedDB) on every machine that installs this build. Production builds take it from GUATU_EXTENSION_KEY (the
 * base64 DER public key; the private key never leaves whoever signs); otherwise the documented development key in
 * keys/dev-extension.pem (docs/office-deployment.md, "The extension id").
 */
function manifestKey(): string {
  const fromEnv = process.env.GUATU_EXTENSION_KEY?.trim();
  if (fromEnv) return fromEnv;
  const pem = readFileSync(resolve(import.meta.dirname, 'keys/dev-extension.pem'));
  return createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * Firefox's fixed add-on id (it does not derive ids from keys): what the server's Firefox zip, Firefox's enterprise
 * policies and Mozilla's signing (an office that signs its own copy needs an id of its own) all name the add-on by.
 */
function geckoId(): string {
  return process.env.GUATU_GECKO_ID?.trim() || 'guatu@guatu.local';
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // `virtual:page-messages/<locale>`: the popup loads only the language it shows (components/common/page-messages.ts)
  vite: () => ({ plugins: [pageMessagesPlugin()] }),
  manifest: ({ browser }) => ({
    name: '挂图作战 Guatu',
    description: '项目建设年：我的清单、离线填报、挂图作战看板 — project-construction-year checklist and board',
    default_locale: undefined,
    // storage: IndexedDB/Dexie kept under pressure; alarms: the 15-minute sync pass; notifications: due milestones, 月报 day;
    // unlimitedStorage: the browser never evicts a cadre's unsynced edits (the options page also asks for persistence).
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    // No host permissions: the server answers REST cross-origin (bearer tokens, no cookies) and WebSockets need none;
    // the CSP stays the default so ws:// to any server is allowed.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: geckoId() } } }
      : {
          key: manifestKey(),
          // what an office's IT may set by policy: the server address and the default language
          storage: { managed_schema: 'managed-schema.json' },
        }),
  }),
});
