import { describe, expect, it } from 'vitest';
import { formatDocName, parseDocName, projectDocName, summaryDocName, workspaceDocName } from '../../../shared/model/doc-names';
import { ProjectIdSchema } from '../../../shared/schema/common';

describe('document names route rooms', () => {
  it('formats the three kinds', () => {
    expect(workspaceDocName('w1')).toBe('ws/w1');
    expect(projectDocName('w1', ProjectIdSchema.parse('p-9'))).toBe('ws/w1/project/p-9');
    expect(summaryDocName('w1')).toBe('ws/w1/summary');
  });

  it('parses what it formats', () => {
    expect(parseDocName('ws/w1')).toEqual({ kind: 'workspace', workspaceId: 'w1' });
    expect(parseDocName('ws/w1/project/p-9')).toEqual({ kind: 'project', workspaceId: 'w1', projectId: 'p-9' });
    expect(parseDocName('ws/w1/summary')).toEqual({ kind: 'summary', workspaceId: 'w1' });
    for (const text of ['ws/a_b/project/summary', 'ws/x/summary']) {
      const ref = parseDocName(text);
      expect(ref && formatDocName(ref)).toBe(text);
    }
  });

  it("keeps a project id from taking the workspace id's place", () => {
    const projectId = ProjectIdSchema.parse('p-9');
    // @ts-expect-error swapped arguments: a plain string is not a ProjectId, so the compiler refuses this call
    expect(projectDocName(projectId, 'w1')).toBe('ws/p-9/project/w1');
    expect(ProjectIdSchema.safeParse('p/9').success).toBe(false);
  });

  it('returns null for anything else', () => {
    for (const bad of [
      '',
      'ws',
      'ws/',
      'w/w1',
      'ws/w1/',
      'ws/w 1',
      'ws/w1/project',
      'ws/w1/project/',
      'ws/w1/project/p/x',
      'ws/w1/summary/x',
      'ws/w1/other',
      `ws/${'x'.repeat(65)}`,
      'ws/../etc',
      'ws/w1/project/p%2F1',
    ]) {
      expect(parseDocName(bad), bad).toBeNull();
    }
  });
});
