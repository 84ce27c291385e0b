import { describe, expect, it } from 'vitest';
import { generateProvince } from '../../../server/demo/generate-province';
import { generateWorkspace } from '../../../server/demo/generate-workspace';
import { deriveSeed } from '../../../server/demo/random';
import { invariantViolations } from './invariants';

const AS_OF = '2025-06-30';
const province = generateProvince({ seed: 11, year: 2025, asOf: AS_OF });

describe('generateProvince', () => {
  it('gives ten city workspaces with different names, seeds and ids', () => {
    expect(province).toHaveLength(10);
    expect(new Set(province.map((g) => g.workspace.name)).size).toBe(10);
    expect(new Set(province.map((g) => g.workspace.id)).size).toBe(10);
    const projectIds = province.flatMap((g) => g.projects.map((b) => b.project.id));
    expect(new Set(projectIds).size).toBe(10_000);
    const memberIds = province.flatMap((g) => g.workspace.members.map((m) => m.id));
    expect(new Set(memberIds).size).toBe(5_000);
    expect(province[0]!.projects[0]!.project.name).not.toBe(province[1]!.projects[0]!.project.name);
  });

  it('is deterministic: each city equals the city generated on its own', () => {
    const first = province[3]!;
    const cityName = first.workspace.name.replace('项目建设年', '');
    const alone = generateWorkspace({ scale: 'city', seed: deriveSeed(11, 'city/3'), year: 2025, asOf: AS_OF, cityName });
    expect(JSON.stringify(alone)).toBe(JSON.stringify(first));
    expect(first.workspace.campaign.name).toBe(`${cityName}2025年项目建设年`);
    expect(generateWorkspace({ scale: 'city', seed: 1, year: 2025, asOf: AS_OF, cityName: '测试市' }).workspace.name).toBe('测试市项目建设年');
  });

  it('validates every record of every city', () => {
    for (const g of province) expect(invariantViolations(g.workspace, g.projects, AS_OF), g.workspace.name).toEqual([]);
  });
});
