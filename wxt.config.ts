import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: '挂图作战 Guatu',
    description: '项目建设年：我的清单、离线填报、挂图作战看板 — project-construction-year checklist and board',
    default_locale: undefined,
    // storage: IndexedDB/Dexie kept under pressure; alarms: the 15-minute sync pass; notifications: due milestones, 月报 day.
    permissions: ['storage', 'alarms', 'notifications'],
    // POST /api/join is a cross-origin fetch from the options page and the server sends no CORS headers: a local server
    // works out of the box (any port), any other server is asked for once, when joining it (client/server-access.ts).
    // WebSockets need no host permission, and the CSP stays the default so ws:// to any server is allowed.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  },
});
