import type { AnchorStatus } from '../../../shared/history/anchor-note';
import type { HistoryAnchor } from '../../../shared/schema/history-anchor';

/** 2026-12-05 00:01 in Asia/Shanghai. */
export const SIGNED_AT = Date.UTC(2026, 11, 4, 16, 1);
export const DIGEST_FINGERPRINT = '3F2A-91C0-7D44-E1B8';
export const KEY_FINGERPRINT = 'C0DE-77A1-0B9E-4F12';

/** What the server answers once it has signed a digest. */
export const SIGNED_ANSWER: HistoryAnchor = {
  workspaceId: 'ws1',
  latest: { fingerprint: DIGEST_FINGERPRINT, at: SIGNED_AT, signedAt: '2026-12-05T00:01:00+08:00', keyFingerprint: KEY_FINGERPRINT },
  key: { fingerprint: KEY_FINGERPRINT, publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n' },
};
export const SIGNED: AnchorStatus = { kind: 'known', anchor: SIGNED_ANSWER };

/** What it answers before its first digest. */
export const NONE_SIGNED: AnchorStatus = { kind: 'known', anchor: { workspaceId: 'ws1', latest: null, key: null } };

export const ZH_SIGNED_LINE = `历史存证摘要：${DIGEST_FINGERPRINT}（2026-12-05 00:01 签署，签名公钥指纹 ${KEY_FINGERPRINT}，可用 npm run cli -- verify --digest 核验）`;
