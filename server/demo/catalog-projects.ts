import type { Category } from '../../shared/schema/project';
import { intBetween, pick, type Rng } from './random';

/** What a project name is built from: the place it sits in, a second place stem, a river. */
export interface NameContext {
  place: string;
  stem: string;
  river: string;
}

export interface ProjectText {
  name: string;
  /** 建设内容. */
  content: string;
}

type Template = (rng: Rng, c: NameContext) => ProjectText;

const PRODUCTS = [
  '新型建材',
  '高性能铝合金型材',
  '锂电池负极材料',
  '特种钢材',
  '精细化工中间体',
  '汽车零部件',
  '光伏组件',
  '电子元器件',
  '食品精深加工',
  '功能性纤维',
  '环保涂料',
  '医用敷料',
  '预制构件',
  '玻璃基板',
];
const MACHINES = ['智能装备', '工程机械', '新能源汽车电机', '数控机床', '农用机械', '电力装备', '环保装备'];
const CROPS = ['优质稻', '中药材', '食用菌', '设施蔬菜', '茶叶', '水果', '油茶', '花卉苗木'];
const INDUSTRIES = ['电子信息', '新材料', '生物医药', '装备制造', '绿色食品', '纺织服装'];

function area(rng: Rng): string {
  return `${intBetween(rng, 2, 40) * 5000}平方米`;
}

/** Name templates per category, in the shapes the 项目清单 of a 项目建设年 uses. */
const TEMPLATES: Record<Category, readonly Template[]> = {
  industry: [
    (r, c) => {
      const product = pick(r, PRODUCTS);
      const tons = pick(r, [1, 2, 3, 5, 10, 20, 30, 50]);
      return {
        name: `${c.place}年产${tons}万吨${product}项目`,
        content: `新建生产车间、原料及成品仓库、办公楼等，总建筑面积约${area(r)}，购置生产线${intBetween(r, 2, 8)}条，建成后年产${product}${tons}万吨。`,
      };
    },
    (r, c) => {
      const machine = pick(r, MACHINES);
      return {
        name: `${c.place}${machine}智能制造项目`,
        content: `建设${machine}智能化生产车间及研发中心，总建筑面积约${area(r)}，购置自动化生产及检测设备${intBetween(r, 50, 400)}台（套）。`,
      };
    },
    (r, c) => ({
      name: `${c.stem}产业园标准化厂房建设项目`,
      content: `建设标准化厂房${intBetween(r, 6, 40)}栋及配套道路、管网、绿化等设施，总建筑面积约${area(r)}。`,
    }),
    (r, c) => {
      const industry = pick(r, INDUSTRIES);
      return {
        name: `${c.place}${industry}产业园项目`,
        content: `建设${industry}产业园，包括生产厂房、孵化中心、检测中心及配套设施，总建筑面积约${area(r)}。`,
      };
    },
  ],
  agriculture: [
    (r, c) => {
      const mu = pick(r, [1, 2, 3, 5, 8]);
      return { name: `${c.place}${mu}万亩高标准农田建设项目`, content: `建设高标准农田${mu}万亩，配套灌溉渠系、田间道路、农田防护林及土壤改良。` };
    },
    (r, c) => ({ name: `${c.place}现代农业产业园项目`, content: `建设种植示范区、农产品加工区、冷链仓储区，配套智能温室${intBetween(r, 5, 60)}栋。` }),
    (r, c) => {
      const crop = pick(r, CROPS);
      return {
        name: `${c.place}${crop}种植基地建设项目`,
        content: `建设${crop}标准化种植基地${intBetween(r, 1, 20) * 500}亩，配套育苗中心、分拣包装车间及水肥一体化设施。`,
      };
    },
    (r, c) => ({ name: `${c.place}生猪养殖及屠宰加工项目`, content: `建设年出栏${intBetween(r, 5, 50)}万头生猪养殖场及屠宰加工车间、冷库、有机肥厂。` }),
  ],
  services: [
    (r, c) => ({ name: `${c.place}智慧物流园`, content: `建设仓储中心、分拨中心、冷链库、物流信息平台，总建筑面积约${area(r)}。` }),
    (r, c) => ({ name: `${c.place}商贸综合体项目`, content: `建设集购物、餐饮、娱乐、办公于一体的商贸综合体，总建筑面积约${area(r)}。` }),
    (r, c) => ({ name: `${c.place}冷链物流中心项目`, content: `建设冷库${intBetween(r, 1, 10)}万吨及分拣加工车间、冷链配送中心。` }),
    (r, c) => ({ name: `${c.stem}文旅康养小镇项目`, content: `建设游客服务中心、康养公寓、民宿集群、景观步道等，占地约${intBetween(r, 100, 1500)}亩。` }),
  ],
  infrastructure: [
    (r, c) => ({
      name: `${c.place}至${c.stem}一级公路改扩建工程`,
      content: `改扩建一级公路${intBetween(r, 8, 60)}公里，设计速度80公里/小时，新建桥梁${intBetween(r, 1, 12)}座。`,
    }),
    (r, c) => ({
      name: `${c.place}污水处理厂提标改造工程`,
      content: `污水处理规模${intBetween(r, 2, 20)}万吨/日，出水提标至一级A，新建配套管网${intBetween(r, 5, 60)}公里。`,
    }),
    (r, c) => ({ name: `${c.place}城区供水管网改造工程`, content: `改造供水管网${intBetween(r, 20, 200)}公里，新建加压泵站${intBetween(r, 1, 5)}座。` }),
    (r, c) => ({ name: `${c.stem}水库除险加固工程`, content: `对大坝、溢洪道、放水设施进行除险加固，新建防汛道路${intBetween(r, 2, 15)}公里。` }),
    (r, c) => ({
      name: `${c.place}110千伏输变电工程`,
      content: `新建110千伏变电站1座，主变容量${pick(r, [2, 3])}×50兆伏安，架设线路${intBetween(r, 5, 40)}公里。`,
    }),
  ],
  livelihood: [
    (r, c) => ({
      name: `${c.place}人民医院综合楼建设项目`,
      content: `新建门急诊医技综合楼，总建筑面积约${area(r)}，新增床位${intBetween(r, 2, 10) * 100}张。`,
    }),
    (r, c) => ({
      name: `${c.place}第${pick(r, ['二', '三', '四', '五', '六', '七'])}中学新建项目`,
      content: `新建教学楼、实验楼、宿舍楼、食堂及运动场，规划办学规模${intBetween(r, 30, 90)}个班。`,
    }),
    (r, c) => ({ name: `${c.place}养老服务中心建设项目`, content: `新建养老服务用房约${area(r)}，设置养老床位${intBetween(r, 2, 8) * 100}张。` }),
    (r, c) => ({ name: `${c.place}保障性租赁住房项目`, content: `建设保障性租赁住房${intBetween(r, 300, 3000)}套及配套设施。` }),
  ],
  urban: [
    (r, c) => ({
      name: `${c.place}老旧小区改造项目`,
      content: `改造老旧小区${intBetween(r, 10, 80)}个，涉及居民${intBetween(r, 2000, 20000)}户，实施水电气管网、外立面、停车位及适老化改造。`,
    }),
    (r, c) => ({
      name: `${c.place}城市道路提升改造工程`,
      content: `提升改造城市道路${intBetween(r, 5, 30)}条，总长约${intBetween(r, 8, 40)}公里，同步实施雨污分流。`,
    }),
    (r, c) => ({ name: `${c.place}地下综合管廊工程`, content: `建设地下综合管廊${intBetween(r, 3, 20)}公里，入廊电力、通信、给水、燃气等管线。` }),
    (r, c) => ({ name: `${c.stem}片区城市更新项目`, content: `实施棚户区改造${intBetween(r, 500, 4000)}户，配套建设学校、社区服务中心及口袋公园。` }),
  ],
  ruralRevitalization: [
    (r, c) => ({ name: `${c.place}美丽乡村示范片建设项目`, content: `覆盖${intBetween(r, 5, 20)}个行政村，实施村庄道路、污水处理、庭院整治及公共空间提升。` }),
    (r, c) => ({ name: `${c.place}农村人居环境整治项目`, content: `新改建农村户厕${intBetween(r, 1000, 8000)}户，建设污水处理站${intBetween(r, 5, 40)}座。` }),
    (r, c) => ({
      name: `${c.place}农产品仓储保鲜冷链设施项目`,
      content: `建设产地冷藏保鲜设施${intBetween(r, 10, 60)}座，总库容约${intBetween(r, 1, 5)}万吨。`,
    }),
  ],
  ecology: [
    (r, c) => ({ name: `${c.river}流域生态修复工程`, content: `实施河道清淤${intBetween(r, 10, 80)}公里、生态护岸、湿地修复及水源涵养林建设。` }),
    (r, c) => ({ name: `${c.place}矿山生态修复项目`, content: `治理废弃矿山${intBetween(r, 5, 30)}处，复绿面积约${intBetween(r, 500, 5000)}亩。` }),
    (r, c) => ({ name: `${c.stem}湿地公园建设项目`, content: `建设湿地保育区、科普宣教区、游览步道，规划面积约${intBetween(r, 300, 3000)}亩。` }),
    (r, c) => ({ name: `${c.place}国土绿化提升项目`, content: `完成人工造林${intBetween(r, 1, 10)}万亩，实施森林质量精准提升${intBetween(r, 1, 5)}万亩。` }),
  ],
  digitalEconomy: [
    (r, c) => ({ name: `${c.place}大数据中心项目`, content: `建设数据中心机房楼及配套动力中心，部署标准机柜${intBetween(r, 5, 50) * 100}架。` }),
    (r, c) => ({ name: `${c.place}5G基站建设项目`, content: `新建5G基站${intBetween(r, 300, 3000)}个，实现城区及重点乡镇连续覆盖。` }),
    (r, c) => ({ name: `${c.stem}数字产业园项目`, content: `建设软件研发楼、数字孵化中心及配套公寓，总建筑面积约${area(r)}。` }),
    (_r, c) => ({ name: `${c.place}智慧城市建设项目`, content: `建设城市运行管理中心、视频感知网络及一网统管平台。` }),
  ],
  cleanEnergy: [
    (r, c) => {
      const kw = pick(r, [5, 10, 20, 30, 50]);
      return { name: `${c.place}${kw}万千瓦风电项目`, content: `安装单机容量${pick(r, [4.5, 5, 6.25])}兆瓦风电机组，总装机${kw}万千瓦，配套新建升压站1座。` };
    },
    (r, c) => {
      const mw = pick(r, [20, 50, 100, 200, 300]);
      return { name: `${c.place}${mw}兆瓦光伏发电项目`, content: `建设${mw}兆瓦光伏发电场及配套储能、升压站、送出线路。` };
    },
    (r, c) => ({ name: `${c.stem}抽水蓄能电站项目`, content: `装机容量${pick(r, [60, 120, 140])}万千瓦，建设上下水库、输水系统及地下厂房。` }),
    (r, c) => ({
      name: `${c.place}生物质热电联产项目`,
      content: `建设${pick(r, [1, 2])}×${pick(r, [30, 40])}兆瓦生物质热电联产机组，年消纳农林废弃物约${intBetween(r, 20, 60)}万吨。`,
    }),
    (r, c) => ({ name: `${c.place}新型储能电站项目`, content: `建设${pick(r, [50, 100, 200])}兆瓦/${pick(r, [100, 200, 400])}兆瓦时电化学储能电站。` }),
  ],
  other: [(r, c) => ({ name: `${c.place}综合服务中心项目`, content: `建设综合服务用房约${area(r)}。` })],
};

export function projectText(rng: Rng, category: Category, context: NameContext): ProjectText {
  return pick(rng, TEMPLATES[category])(rng, context);
}

/** How often each category turns up in a city's 项目清单 (industry dominates). */
export const CATEGORY_WEIGHTS: Record<Category, number> = {
  industry: 30,
  agriculture: 8,
  services: 11,
  infrastructure: 12,
  livelihood: 8,
  urban: 9,
  ruralRevitalization: 6,
  ecology: 5,
  digitalEconomy: 5,
  cleanEnergy: 6,
  other: 0,
};

/** Median total investment per category (万元): energy and roads are big, village works small. */
export const MEDIAN_INVESTMENT_WAN: Record<Category, number> = {
  industry: 20_000,
  agriculture: 6_000,
  services: 15_000,
  infrastructure: 40_000,
  livelihood: 12_000,
  urban: 15_000,
  ruralRevitalization: 3_000,
  ecology: 10_000,
  digitalEconomy: 15_000,
  cleanEnergy: 60_000,
  other: 5_000,
};
