// The page messages in one language, served by scripts/build/page-messages-plugin.ts (the build and the tests load it).
declare module 'virtual:page-messages/zh-CN' {
  const messages: Readonly<Record<import('../../shared/i18n/extension-pages').PageMessageKey, string>>;
  export default messages;
}
declare module 'virtual:page-messages/en' {
  const messages: Readonly<Record<import('../../shared/i18n/extension-pages').PageMessageKey, string>>;
  export default messages;
}
