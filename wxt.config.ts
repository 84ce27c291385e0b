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
    // No host permissions: the server answers REST cross-origin (bearer tokens, no cookies) and WebSockets need none;
    // the CSP stays the default so ws:// to any server is allowed.
  },
});
