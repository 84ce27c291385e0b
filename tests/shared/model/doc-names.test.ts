import { describe, expect, it } from 'vitest';
import { formatDocName, parseDocName, projectDocName, summaryDocName, workspaceDocName } from '../../../shared/model';

describe('document names route rooms', () => {
  it('formats the three kinds', () => {
    expect(workspaceDocName('w1')).toBe('ws/w1');
    expect(projectDocName('w1', 'p-9')).toBe('ws/w1/project/p-9');
    expect(summaryDocName('w1')).toBe('ws/w1/summary');
  });

  it('parses what it formats', () => {
    expect(parseDocName('ws/w1')).toEqual({ kind: 'workspace', workspaceId: 'w1' });
    expect(parseDocName('ws/w1/project/p-9')).toEqual({ kind: 'project', workspaceId: 'w1', projectId: 'p-9' });
    expect(parseDocName('ws/w1/summary')).toEqual({ kind: 'summary', workspaceId: 'w1' });
    for (const name of [{ kind: 'project', workspaceId: 'a_b', projectId: 'summary' }, { kind: 'summary', workspaceId: 'x' }] as const) {
      expect(parseDocName(formatDocName(name))).toEqual(name);
    }
  });

  it('returns null for anything else', () => {
    for (const bad of ['', 'ws', 'ws/', 'w/w1', 'ws/w1/', 'ws/w 1', 'ws/w1/project', 'ws/w1/project/', 'ws/w1/project/p/x',
      'ws/w1/summary/x', 'ws/w1/other', `ws/${'x'.repeat(65)}`, 'ws/../etc', 'ws/w1/project/p%2F1']) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});
