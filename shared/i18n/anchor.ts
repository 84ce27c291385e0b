import { defineMessages } from './define';

/** The latest signed history digest (issue #13 "anchored") as the wall display, the exports and the CLI name it. */
export const anchorMessages = defineMessages({
  'zh-CN': {
    'anchor.note.signed': '历史存证摘要：{fingerprint}（{signedAt} 签署，签名公钥指纹 {key}，可用 npm run cli -- verify --digest 核验）',
    'anchor.note.none': '历史存证：未取得存证摘要（服务器尚未签署）',
    'anchor.note.unavailable': '历史存证：未取得存证摘要（未连接服务器）',
    'anchor.note.pending': '历史存证：正在取得存证摘要……',
    'anchor.wall.signed': '存证摘要 {fingerprint} · {signedAt} 签署',
    'anchor.wall.none': '存证摘要：服务器尚未签署',
    'anchor.wall.unavailable': '存证摘要：未取得',
    'anchor.wall.key': '公钥 {key}',
    'anchor.cli.publicKey': '签名公钥指纹：{fingerprint}（公钥如下，可公开）',
    'anchor.cli.noKey': '尚未生成签名密钥：服务器首次签署每日摘要或运行 npm run cli -- digest 时生成',
    'anchor.cli.latest': '最近签署的摘要：{fingerprint}（{signedAt} 签署）',
    'anchor.cli.noLatest': '尚未签署过摘要',
    'anchor.opt.publicKey': '只显示签名公钥及其指纹和最近签署的摘要，不签署',
  },
  en: {
    'anchor.note.signed': 'History digest: {fingerprint} (signed {signedAt}, signing key {key}; check with npm run cli -- verify --digest)',
    'anchor.note.none': 'History digest: none obtained (the server has not signed one yet)',
    'anchor.note.unavailable': 'History digest: none obtained (server not reached)',
    'anchor.note.pending': 'History digest: being fetched…',
    'anchor.wall.signed': 'History digest {fingerprint} · signed {signedAt}',
    'anchor.wall.none': 'History digest: none signed yet',
    'anchor.wall.unavailable': 'History digest: not obtained',
    'anchor.wall.key': 'key {key}',
    'anchor.cli.publicKey': 'Signing key fingerprint: {fingerprint} (public key below; it may be published)',
    'anchor.cli.noKey': 'No signing key yet: it is made when the server signs its first daily digest or on npm run cli -- digest',
    'anchor.cli.latest': 'Latest digest signed: {fingerprint} (signed {signedAt})',
    'anchor.cli.noLatest': 'No digest signed yet',
    'anchor.opt.publicKey': 'Only show the signing public key, its fingerprint and the latest digest; sign nothing',
  },
});
