import { defineMessages } from './define';

/** The options page's "this computer" panel: persistent storage, space used, settings made by the organisation. */
export const deviceMessages = defineMessages({
  'zh-CN': {
    'device.title': '本机数据',
    'device.persisted': '本机数据已设为持久保存：浏览器不会因空间不足清除尚未同步的填报。',
    'device.unlimited': '本扩展有“不限存储”权限：浏览器不会因空间不足清除尚未同步的填报。',
    'device.notPersisted': '浏览器未同意持久保存：磁盘空间紧张时，尚未同步的填报可能被清除。请尽快联网同步，或请信息中心通过策略安装本扩展。',
    'device.unknown': '无法确认本机数据是否持久保存（浏览器不支持查询）。',
    'device.usage': '已用 {used}（浏览器允许 {quota}）',
    'device.usageOnly': '已用 {used}',
    'device.checking': '正在检查本机存储…',
    'device.managedServer': '服务器地址由单位设置：{url}',
  },
  en: {
    'device.title': 'Data on this computer',
    'device.persisted': 'Storage is persistent: the browser will not clear unsynced edits when the disk runs low.',
    'device.unlimited': 'The extension has unlimited storage: the browser will not clear unsynced edits when the disk runs low.',
    'device.notPersisted':
      'The browser did not grant persistent storage: unsynced edits could be cleared when the disk runs low. Sync soon, or ask IT to install the extension by policy.',
    'device.unknown': 'Cannot tell whether storage is persistent (the browser does not say).',
    'device.usage': '{used} used (the browser allows {quota})',
    'device.usageOnly': '{used} used',
    'device.checking': 'Checking storage on this computer…',
    'device.managedServer': 'Server address set by your organisation: {url}',
  },
});
