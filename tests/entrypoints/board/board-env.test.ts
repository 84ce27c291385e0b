import { describe, expect, it } from 'vitest';
import { detectBoardEnv } from '../../../entrypoints/board/board-env';

const at = (href: string) => {
  const url = new URL(href);
  return { protocol: url.protocol, origin: url.origin, search: url.search };
};

describe('where the board runs', () => {
  it('is the extension page on an extension origin, with the workspace key and language from the address', () => {
    expect(detectBoardEnv(at('chrome-extension://abcdef/board.html'))).toEqual({ kind: 'extension', workspaceKey: null, locale: null });
    expect(detectBoardEnv(at('chrome-extension://abcdef/board.html?ws=http%3A%2F%2F127.0.0.1%3A8787%7Cws1&lang=en'))).toEqual({
      kind: 'extension',
      workspaceKey: 'http://127.0.0.1:8787|ws1',
      locale: 'en',
    });
    expect(detectBoardEnv(at('moz-extension://abcdef/board.html')).kind).toBe('extension');
  });

  it('is the wall display on the server, reading the workspace and the observer token from the address', () => {
    const env = detectBoardEnv(at('http://192.168.1.20:8787/wall/?ws=city-1&token=eyJabc.def.ghi'));
    expect(env).toEqual({
      kind: 'wall',
      locale: 'zh-CN',
      rotateSeconds: 20,
      workspace: {
        key: 'http://192.168.1.20:8787|city-1',
        serverUrl: 'http://192.168.1.20:8787',
        workspaceId: 'city-1',
        workspaceName: '',
        memberId: 'wall',
        memberName: '',
        role: 'observer',
        token: 'eyJabc.def.ghi',
        expiresAt: 0,
        joinedAt: 0,
      },
    });
  });

  it('takes the seconds per page of the wall from the address, within bounds; 0 starts paused (#9 §5)', () => {
    const rotate = (q: string) => {
      const env = detectBoardEnv(at(`http://127.0.0.1:8787/wall/?ws=city-1&token=t${q}`));
      return env.kind === 'wall' ? env.rotateSeconds : null;
    };
    expect(rotate('&rotate=8')).toBe(8);
    expect(rotate('&rotate=0')).toBe(0);
    expect(rotate('&rotate=1')).toBe(5);
    expect(rotate('&rotate=99999')).toBe(600);
    expect(rotate('&rotate=soon')).toBe(20);
    expect(rotate('')).toBe(20);
  });

  it('explains a wall address without a workspace or a token', () => {
    expect(detectBoardEnv(at('http://127.0.0.1:8787/wall/?ws=city-1'))).toEqual({ kind: 'wallInvalid', locale: 'zh-CN' });
    expect(detectBoardEnv(at('http://127.0.0.1:8787/wall/?token=x&lang=en'))).toEqual({ kind: 'wallInvalid', locale: 'en' });
    expect(detectBoardEnv(at('http://127.0.0.1:8787/wall/?ws=../etc&token=x')).kind).toBe('wallInvalid');
  });
});
