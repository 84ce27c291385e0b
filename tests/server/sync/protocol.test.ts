import { describe, expect, it } from 'vitest';
import { CloseCode, closeCodeName, reconnectPolicy } from '../../../shared/protocol/close-codes';
import { decodeClientMessage } from '../../../shared/protocol/decode-message';
import { KEEP_ALIVE_MESSAGE } from '../../../shared/protocol/messages';
import { isMessageKey, t } from '../../../shared/i18n';
import { parseRoomRequest } from '../../../server/sync/document-name';
import { TokenBucket } from '../../../server/sync/token-bucket';
import { awarenessFrame } from './frames';

describe('decodeClientMessage', () => {
  it('reads the three sync steps, awareness and query-awareness', () => {
    expect(decodeClientMessage(Uint8Array.of(0, 0, 1, 0))).toEqual({ ok: true, message: { type: 'sync-step-1', stateVector: Uint8Array.of(0) } });
    expect(decodeClientMessage(Uint8Array.of(0, 1, 2, 0, 0))).toEqual({ ok: true, message: { type: 'sync-step-2', update: Uint8Array.of(0, 0) } });
    expect(decodeClientMessage(Uint8Array.of(0, 2, 2, 0, 0))).toEqual({ ok: true, message: { type: 'sync-update', update: Uint8Array.of(0, 0) } });
    expect(decodeClientMessage(Uint8Array.of(3))).toEqual({ ok: true, message: { type: 'query-awareness' } });
    expect(decodeClientMessage(awarenessFrame([[7, 2, '{"user":"王"}']]))).toEqual({
      ok: true,
      message: { type: 'awareness', entries: [{ clientId: 7, clock: 2, state: { user: '王' }, stateJson: '{"user":"王"}' }] },
    });
    expect(decodeClientMessage(KEEP_ALIVE_MESSAGE)).toEqual({ ok: true, message: { type: 'awareness', entries: [] } });
  });

  it('names what is wrong with a bad frame instead of throwing', () => {
    expect(decodeClientMessage(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty' });
    expect(decodeClientMessage(Uint8Array.of(0x80))).toEqual({ ok: false, reason: 'truncated' });
    expect(decodeClientMessage(Uint8Array.of(0, 2, 9, 1))).toEqual({ ok: false, reason: 'truncated' });
    expect(decodeClientMessage(Uint8Array.of(2, 0))).toEqual({ ok: false, reason: 'unknown-message-type' });
    expect(decodeClientMessage(Uint8Array.of(0, 3, 0))).toEqual({ ok: false, reason: 'unknown-sync-type' });
    expect(decodeClientMessage(Uint8Array.of(3, 0))).toEqual({ ok: false, reason: 'trailing-bytes' });
    expect(decodeClientMessage(awarenessFrame([[1, 1, '{']]))).toEqual({ ok: false, reason: 'bad-awareness' });
    // a 2^63 client id is not a Yjs client
    expect(decodeClientMessage(Uint8Array.of(1, 12, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 1, 0x30)).ok).toBe(false);
  });

  it('refuses awareness text that is not UTF-8 (lib0 would throw; the fuzz found it)', () => {
    expect(decodeClientMessage(Uint8Array.of(1, 5, 1, 1, 1, 1, 0xff))).toEqual({ ok: false, reason: 'bad-awareness' });
  });
});

describe('close codes', () => {
  it('tells the client whether to reconnect', () => {
    expect(reconnectPolicy(CloseCode.serverError)).toBe('reconnect');
    expect(reconnectPolicy(CloseCode.goingAway)).toBe('reconnect');
    expect(reconnectPolicy(1006)).toBe('reconnect');
    expect(reconnectPolicy(CloseCode.unauthenticated)).toBe('stop');
    expect(reconnectPolicy(CloseCode.revoked)).toBe('stop');
    expect(reconnectPolicy(CloseCode.rateLimited)).toBe('reconnect-after-pause');
    expect(closeCodeName(4403)).toBe('forbidden');
    expect(closeCodeName(1000)).toBeNull();
  });

  it('every close code has a message in both languages', () => {
    for (const name of Object.keys(CloseCode)) {
      const key = `sync.close.${name}`;
      expect(isMessageKey(key), key).toBe(true);
      if (isMessageKey(key)) expect(t('en', key)).not.toBe(t('zh-CN', key));
    }
  });
});

describe('parseRoomRequest', () => {
  it('reads the document name and token', () => {
    expect(parseRoomRequest('/project%2Fp1?token=abc')).toEqual({ ok: true, docName: 'project/p1', token: 'abc' });
    expect(parseRoomRequest('/ws/%E6%8C%82%E5%9B%BE')).toEqual({ ok: true, docName: 'ws/挂图', token: null });
    expect(parseRoomRequest('/p?token=')).toEqual({ ok: true, docName: 'p', token: null });
  });

  it('refuses empty, oversized and non-text names', () => {
    expect(parseRoomRequest('/')).toEqual({ ok: false, reason: 'empty' });
    expect(parseRoomRequest('/?token=x')).toEqual({ ok: false, reason: 'empty' });
    expect(parseRoomRequest(`/${'a'.repeat(257)}`)).toEqual({ ok: false, reason: 'too-long' });
    expect(parseRoomRequest(`/${'a'.repeat(256)}`).ok).toBe(true);
    expect(parseRoomRequest('/%E6%8C')).toEqual({ ok: false, reason: 'not-text' });
    expect(parseRoomRequest('/a%0Ab')).toEqual({ ok: false, reason: 'not-text' });
  });
});

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0)]).toEqual([true, true, true, false]);
    // 10 per second: 100 ms refills one token
    expect(bucket.take(1, 100)).toBe(true);
    expect(bucket.take(1, 100)).toBe(false);
    // never more than the capacity, however long it waited
    expect([bucket.take(3, 60_000), bucket.take(1, 60_000)]).toEqual([true, false]);
  });
});
