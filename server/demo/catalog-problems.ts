import type { DepartmentKey } from './catalog-units';
import { intBetween, pick, type Rng } from './random';

/** A kind of 问题 that holds projects up, the department that answers for it, and how it gets closed. */
export interface ProblemKind {
  /** Which department answers for it; 'place' = the county/district the project sits in (征地拆迁). */
  department: DepartmentKey | 'place';
  describe: (rng: Rng) => string;
  evidence: (rng: Rng, year: number) => string;
  /** Only projects at or past 前期 meet it; some only once building. */
  needsConstruction: boolean;
}

const docNo = (rng: Rng, year: number, office: string) => `${office}〔${year}〕${intBetween(rng, 3, 260)}号`;

export const PROBLEM_KINDS: readonly ProblemKind[] = [
  {
    department: 'naturalResources',
    describe: (r) => `项目用地指标缺口约${intBetween(r, 20, 400)}亩，需协调调剂建设用地指标`,
    evidence: (r, y) => `已调剂用地指标，取得用地批复（${docNo(r, y, '自然资规')}）`,
    needsConstruction: false,
  },
  {
    department: 'ecology',
    describe: () => '环评报告书尚未批复，专家评审意见需补充完善',
    evidence: (r, y) => `环评已批复（${docNo(r, y, '环审')}）`,
    needsConstruction: false,
  },
  {
    department: 'finance',
    describe: (r) => `项目资金到位不足，缺口约${intBetween(r, 5, 80) * 100}万元`,
    evidence: (r) => `专项债资金${intBetween(r, 5, 60) * 100}万元已拨付到位，附拨款凭证`,
    needsConstruction: true,
  },
  {
    department: 'power',
    describe: () => '施工及生产用电接入方案未确定，需新建10千伏专线',
    evidence: () => '供电方案已批复，10千伏专线已送电，附送电确认单',
    needsConstruction: true,
  },
  {
    department: 'place',
    describe: (r) => `征地拆迁未完成，剩余${intBetween(r, 2, 30)}户房屋及附属物未签约`,
    evidence: () => '拆迁协议全部签订，场地已交付施工单位，附交地确认书',
    needsConstruction: false,
  },
  {
    department: 'housing',
    describe: () => '施工图审查意见未闭合，施工许可证办理滞后',
    evidence: (r, y) => `已取得施工许可证（编号${y}${intBetween(r, 100000, 999999)}）`,
    needsConstruction: false,
  },
  {
    department: 'forestry',
    describe: (r) => `项目占用林地约${intBetween(r, 10, 200)}亩，林地使用手续尚未办结`,
    evidence: (r, y) => `林地使用审核同意书已下达（${docNo(r, y, '林资许准')}）`,
    needsConstruction: false,
  },
  {
    department: 'financialRegulation',
    describe: (r) => `企业银行贷款审批进度慢，授信${intBetween(r, 1, 20)}亿元尚未放款`,
    evidence: (r) => `银行首笔贷款${intBetween(r, 2, 30) * 1000}万元已发放，附放款通知`,
    needsConstruction: true,
  },
  {
    department: 'urbanManagement',
    describe: () => '供水、燃气管道接入工程未实施，影响设备调试',
    evidence: () => '供水、燃气管道已接通，附验收记录',
    needsConstruction: true,
  },
  {
    department: 'transport',
    describe: () => '项目进场道路未建成，大型设备无法运输进场',
    evidence: () => '进场道路已硬化通车，附现场照片',
    needsConstruction: true,
  },
  {
    department: 'humanResources',
    describe: (r) => `企业技术工人缺口约${intBetween(r, 50, 500)}人，招工困难`,
    evidence: (r) => `组织专场招聘会${intBetween(r, 2, 6)}场，已招录${intBetween(r, 50, 400)}人`,
    needsConstruction: true,
  },
  {
    department: 'approval',
    describe: () => '项目立项及规划许可审批材料不全，审批流程滞后',
    evidence: (r, y) => `已完成立项备案（项目代码${y}-${intBetween(r, 100000, 999999)}），取得建设工程规划许可证`,
    needsConstruction: false,
  },
];

/** Suggestions cadres add under 问题和建议 in a 月报. */
export function issueSuggestion(rng: Rng, description: string, department: string): string {
  return `${description}，建议${department}${pick(rng, ['加快办理', '协调解决', '专题调度', '靠前服务'])}。`;
}
