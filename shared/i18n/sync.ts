import { defineMessages } from './define';

/**
 * What the extension shows when the sync server closes a connection; keys are `sync.close.<CloseCodeName>`.
 * `sync.stopped.*`: the client stopped retrying because what it has to send was refused twice over (client/doc-host.ts).
 */
export const syncMessages = defineMessages({
  'zh-CN': {
    'sync.close.goingAway': '服务器正在重启，稍后自动重连',
    'sync.close.messageTooBig': '本次修改过大，服务器未接收',
    'sync.close.backpressure': '网络过慢，正在重新连接',
    'sync.close.malformedMessage': '收到无法识别的数据，已停止同步，请重新打开',
    'sync.close.unauthenticated': '登录已失效，请重新加入工作区',
    'sync.close.forbidden': '你没有打开此文档的权限',
    'sync.close.invalidDocumentName': '文档名称无效',
    'sync.close.authTimeout': '身份验证超时，请检查网络后重试',
    'sync.close.revoked': '你的权限已被收回',
    'sync.close.changeRefused': '有修改超出你的权限（如修改自己的角色、以他人名义署名），服务器未接收，已停止同步，请联系项目办',
    'sync.close.documentTooLarge': '文档已达到服务器允许的最大规模，本次修改未被接收，请联系项目办',
    'sync.close.rateLimited': '操作过于频繁，稍后自动重连',
    'sync.close.serverError': '服务器暂时无法保存，正在重新连接，修改不会丢失',
    'sync.stopped.tooBig': '已停止同步：有一批修改太大，服务器无法接收。修改仍保存在本机，不会丢失，请联系项目办',
    'sync.stopped.overBudget': '已停止同步：待上传的修改太多，服务器暂时接收不下。修改仍保存在本机，请稍后重新连接',
    'sync.stopped.clientIdForeign':
      '已停止同步：本机待上传的修改所带的客户端编号已被另一成员占用，服务器无法确认这些修改出自你，未予接收。修改仍保存在本机，但无法自动补传，请联系项目办',
    'sync.stopped.clientIdsTooMany': '已停止同步：待上传的修改来自过多的浏览器会话，服务器一次不接收这么多。修改仍保存在本机，请联系项目办',
  },
  en: {
    'sync.close.goingAway': 'The server is restarting; reconnecting shortly',
    'sync.close.messageTooBig': 'This change is too large for the server',
    'sync.close.backpressure': 'The connection is too slow; reconnecting',
    'sync.close.malformedMessage': 'The server received data it could not read; sync stopped, please reopen',
    'sync.close.unauthenticated': 'Your sign-in has expired; join the workspace again',
    'sync.close.forbidden': 'You may not open this document',
    'sync.close.invalidDocumentName': 'Invalid document name',
    'sync.close.authTimeout': 'Sign-in check timed out; check the network and retry',
    'sync.close.revoked': 'Your access has been withdrawn',
    'sync.close.changeRefused':
      'A change beyond your rights (your own role, someone else named as its author…) was refused; sync stopped, contact the project office',
    'sync.close.documentTooLarge': 'The document has reached the largest size the server keeps; this change was not accepted; contact the project office',
    'sync.close.rateLimited': 'Too many changes at once; reconnecting shortly',
    'sync.close.serverError': 'The server cannot save right now; reconnecting, nothing is lost',
    'sync.stopped.tooBig':
      'Sync stopped: some changes are too large for the server to accept. They are still saved on this computer; contact the project office',
    'sync.stopped.overBudget':
      'Sync stopped: more changes are waiting to upload than the server can take now. They are still saved on this computer; reconnect later',
    'sync.stopped.clientIdForeign':
      'Sync stopped: the client id this browser’s unsent changes carry is already another member’s, so the server cannot accept them as yours. They are kept on this computer but cannot be sent on their own; contact the project office',
    'sync.stopped.clientIdsTooMany':
      'Sync stopped: the unsent changes come from more browser sessions than the server takes at once. They are kept on this computer; contact the project office',
  },
});
