import { describe, expect, it } from 'vitest';
import type { GuatuBundle } from '../../../server/bundle/bundle-format';
import { checkBundle, checkBundleText, describeBundleErrors } from '../../../server/bundle/validate-bundle';
import { exampleBundle, exampleBundleText } from '../app/fixtures';

/** A fresh copy of the documented example to spoil one field at a time (Object.assign for ill-typed values). */
function example(): GuatuBundle {
  return structuredClone(exampleBundle());
}

function lines(value: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): string[] {
  const checked = checkBundle(value);
  if (checked.ok) throw new Error('expected the bundle to be refused');
  return describeBundleErrors(checked.errors, locale);
}

describe('checking a bundle before import', () => {
  it('accepts the documented example', () => {
    expect(checkBundleText(exampleBundleText()).ok).toBe(true);
    expect(exampleBundle().projects.map((p) => p.project.id)).toEqual(['p-factory', 'p-road']);
  });

  it('names the row and the field of a bad value, in Chinese and in English', () => {
    const bad = example();
    bad.projects[1]!.project.totalInvestmentWan = -5;
    expect(lines(bad)).toContain('projects[1].project.totalInvestmentWan: 金额不能为负数');
    expect(lines(bad, 'en')).toContain('projects[1].project.totalInvestmentWan: Amounts cannot be negative');
  });

  it('names every bad row, not just the first', () => {
    const bad = example();
    bad.projects[0]!.milestones[1]!.dueDate = '2026-02-30';
    Object.assign(bad.workspace.members[2]!, { rank: 'emperor' });
    expect(lines(bad)).toEqual(['workspace.members[2].rank: 未知的职级', 'projects[0].milestones[1].dueDate: 没有这一天，请检查月份和日期']);
  });

  it('refuses a 月报 series whose cumulative investment goes down', () => {
    const bad = example();
    Object.assign(bad.projects[0]!.reports[1]!, { cumulativeWan: 400, completedWan: 100 });
    expect(lines(bad)).toEqual(['projects[0].reports[1].cumulativeWan: 累计完成投资不能比上月（2026-01：500 万元）少']);
  });

  it('refuses ids used twice and references to people and units that do not exist', () => {
    const bad = example();
    bad.projects[1]!.project.ownerId = 'm-zhao';
    bad.projects[1]!.problems[0]!.departmentId = 'u-nowhere';
    bad.workspace.units.push({ ...bad.workspace.units[0]! });
    expect(lines(bad)).toEqual([
      'workspace.units[2].id: 编号 u-office 重复',
      'projects[1].project.ownerId: 人员 m-zhao 不存在',
      'projects[1].problems[0].departmentId: 单位 u-nowhere 不存在',
    ]);
  });

  it('refuses a project missing from the registry', () => {
    const bad = example();
    bad.workspace.registry.pop();
    expect(lines(bad)).toEqual(['projects[1].project.id: 项目 p-road 未在项目库（registry）中登记']);
  });

  it('refuses what is not a bundle at all', () => {
    expect(checkBundleText('{ not json')).toEqual({ ok: false, errors: [{ path: '', key: 'bundle.notJson', params: {} }] });
    expect(lines({ ...example(), format: 'excel' })).toEqual(['format: 不是挂图作战数据包（format 应为 "guatu-bundle"）']);
    expect(lines({ ...example(), version: 2 })).toEqual(['version: 不支持的数据包版本（应为 1）']);
    expect(lines({ format: 'guatu-bundle', version: 1, workspace: {} })[0]).toMatch(/^projects: /);
  });
});
