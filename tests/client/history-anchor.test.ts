import { describe, expect, it } from 'vitest';
import { fetchHistoryAnchor } from '../../client/history-anchor';
import { SIGNED_ANSWER } from './export/anchor-fixtures';

const request = { serverUrl: 'http://127.0.0.1:9', workspaceId: 'ws1', token: 'tok' };
const answering = (status: number, body: unknown) => (async () => Response.json(body, { status })) as unknown as typeof fetch;

describe('fetchHistoryAnchor', () => {
  it('gives the server’s answer once it validates', async () => {
    expect(await fetchHistoryAnchor({ ...request, fetch: answering(200, SIGNED_ANSWER) })).toEqual({ kind: 'known', anchor: SIGNED_ANSWER });
    const none = { workspaceId: 'ws1', latest: null, key: null };
    expect(await fetchHistoryAnchor({ ...request, fetch: answering(200, none) })).toEqual({ kind: 'known', anchor: none });
  });

  it('is unavailable when refused, offline, malformed, about another workspace, or never answered', async () => {
    const cases: (typeof fetch)[] = [
      answering(403, { error: { code: 'forbidden' } }),
      answering(200, { ...SIGNED_ANSWER, latest: { ...SIGNED_ANSWER.latest, fingerprint: 'abcd' } }),
      answering(200, { ...SIGNED_ANSWER, workspaceId: 'ws2' }),
      (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
      // a server that never answers: the request is given up (aborted) rather than holding the export
      ((_url: string, init?: RequestInit) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as unknown as typeof fetch,
    ];
    for (const fetch of cases) expect(await fetchHistoryAnchor({ ...request, fetch, timeoutMs: 1 })).toEqual({ kind: 'unavailable' });
  });
});
