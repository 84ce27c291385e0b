import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: '挂图作战 Guatu',
    description: '项目建设年：我的清单、离线填报、挂图作战看板 — project-construction-year checklist and board',
    default_locale: undefined,
    permissions: ['storage', 'alarms', 'notifications'],
  },
});
