import type { Stage } from '../../shared/schema/stage';
import { intBetween, pick, type Rng } from './random';

/** 形象进度 text a cadre would write for a project at this stage. */
export function progressText(rng: Rng, stage: Stage, percent: number): string {
  switch (stage) {
    case 'planning':
      return pick(rng, ['项目正在谋划论证，编制项目建议书', '正在开展招商对接和项目包装', '完成初步选址，正在编制可行性研究报告']);
    case 'signed':
      return pick(rng, ['已签订投资协议，正在注册项目公司', '投资协议已签约，正在办理立项备案', '已签约，企业正在进行方案设计']);
    case 'preparation':
      return pick(rng, [
        '正在办理用地、规划、环评等前期手续',
        '已完成规划选址，正在办理土地预审和能评',
        '施工图设计基本完成，正在进行施工招标',
        '正在开展场地平整和三通一平',
      ]);
    case 'started':
      if (percent < 30) return pick(rng, [`基础施工中，完成形象进度约${percent}%`, `场地平整完成，桩基施工完成约${percent}%`]);
      if (percent < 70)
        return pick(rng, [
          `主体结构施工中，完成形象进度约${percent}%`,
          `厂房钢结构吊装完成${intBetween(rng, 40, 90)}%`,
          `路基工程完成${percent}%，正在进行桥涵施工`,
        ]);
      return pick(rng, [`主体已封顶，正在进行设备安装，完成形象进度约${percent}%`, `进入装饰装修及配套工程施工阶段，完成约${percent}%`]);
    case 'completed':
      return pick(rng, ['已竣工验收，正在进行设备调试', '主体工程已竣工，正在办理竣工验收备案']);
    case 'operating':
      return pick(rng, ['已投产运营，正在进行产能爬坡', '已建成投用，运行平稳']);
    case 'fullProduction':
      return '已达产达效，运行平稳';
  }
}
