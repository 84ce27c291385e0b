import type { Category } from '../../shared/schema/project';

/** Departments a problem or a project can be routed to; the key says what the department answers for. */
export const DEPARTMENTS = {
  projectOffice: '项目建设年活动办公室', // 项目办: configures the campaign
  supervision: '政府督查室', // 督查室: reads everything, writes nothing
  developmentReform: '发展改革委',
  industry: '工业和信息化局',
  naturalResources: '自然资源和规划局',
  ecology: '生态环境局',
  housing: '住房和城乡建设局',
  finance: '财政局',
  power: '供电公司',
  transport: '交通运输局',
  water: '水利局',
  agriculture: '农业农村局',
  commerce: '商务局',
  approval: '行政审批服务局',
  investment: '投资促进局',
  emergency: '应急管理局',
  market: '市场监督管理局',
  culture: '文化和旅游局',
  health: '卫生健康委员会',
  education: '教育局',
  science: '科学技术局',
  humanResources: '人力资源和社会保障局',
  urbanManagement: '城市管理局',
  forestry: '林业局',
  energy: '能源局',
  financialRegulation: '地方金融管理局',
  dataResources: '数据资源管理局',
  ruralRevitalization: '乡村振兴局',
  stateAssets: '国有资产监督管理委员会',
  civilAffairs: '民政局',
  statistics: '统计局',
  audit: '审计局',
  publicSecurity: '公安局',
  fireRescue: '消防救援支队',
  taxation: '税务局',
  housingSecurity: '住房保障服务中心',
} as const;
export type DepartmentKey = keyof typeof DEPARTMENTS;

/** The departments a county-scale workspace has (the rest fall back to 发展改革委 when routing problems). */
export const COUNTY_DEPARTMENTS: readonly DepartmentKey[] = [
  'projectOffice',
  'developmentReform',
  'industry',
  'naturalResources',
  'ecology',
  'housing',
  'finance',
  'power',
];

/** 行业专班 (industry task forces) and the categories of project each one chases. */
export const TASK_FORCES: readonly { name: string; categories: readonly Category[] }[] = [
  { name: '新能源产业专班', categories: ['cleanEnergy'] },
  { name: '新材料产业专班', categories: ['industry'] },
  { name: '装备制造产业专班', categories: ['industry'] },
  { name: '数字经济产业专班', categories: ['digitalEconomy'] },
  { name: '现代农业产业专班', categories: ['agriculture', 'ruralRevitalization'] },
  { name: '文旅康养产业专班', categories: ['services'] },
  { name: '现代物流产业专班', categories: ['services'] },
  { name: '城市更新专班', categories: ['urban', 'livelihood'] },
  { name: '交通基础设施专班', categories: ['infrastructure'] },
  { name: '水利建设专班', categories: ['infrastructure', 'ecology'] },
  { name: '生物医药产业专班', categories: ['industry'] },
  { name: '绿色食品产业专班', categories: ['agriculture', 'industry'] },
  { name: '生态环保专班', categories: ['ecology'] },
  { name: '招商引资专班', categories: ['industry', 'services', 'digitalEconomy'] },
];

/** Which department looks after a project of each category (its 服务单位). */
export const SERVICE_DEPARTMENT: Record<Category, DepartmentKey> = {
  industry: 'industry',
  agriculture: 'agriculture',
  services: 'commerce',
  infrastructure: 'transport',
  livelihood: 'housing',
  urban: 'housing',
  ruralRevitalization: 'ruralRevitalization',
  ecology: 'ecology',
  digitalEconomy: 'dataResources',
  cleanEnergy: 'energy',
  other: 'developmentReform',
};
