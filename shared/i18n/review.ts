import { defineMessages } from './define';

/**
 * 审核: why a 月报 figure was flagged (one key per rule in shared/calc/plausibility.ts) and the board's review list.
 * Money params arrive formatted (万元/亿元).
 */
export const reviewMessages = defineMessages({
  'zh-CN': {
    'review.reason.cumulativeAboveTotal': '今年累计完成投资 {cumulative} 超过项目总投资 {total}',
    'review.reason.monthAbovePace': '本月完成投资 {completed} 超过今年计划投资 {plan} 的 {multiple} 倍',
    'review.reason.cumulativeDecreased': '今年累计完成投资 {cumulative} 比上一份月报（{month}：{previous}）少',
    'review.reason.filedLate': '{month} 月报过了报送和更正期限（{closes}）才报送，须项目办审核通过才计入',
    'review.reason.corrects': '更正：原报本月 {completed}（{name}，{time}）',
    'review.reason.registration': '干部离线新建的项目：联系领导、一套班子和招引人由本人填写，需项目办确认',
    'review.section.title': '待审核数据',
    'review.section.note': '以下数据未通过合理性校验，或由干部自行登记，项目办确认（审核）前不计入目标和排名。',
    'review.section.none': '没有待审核的数据',
    'review.section.count': '共 {count} 项待审核',
    'review.col.project': '项目',
    'review.col.figure': '待审核内容',
    'review.col.filedBy': '填报人',
    'review.col.reasons': '原因',
    'review.col.action': '审核',
    'review.item.report': '{month} 月报：本月完成 {completed}，今年累计 {cumulative}',
    'review.item.registration': '新项目登记：联系领导 {leader}；一套班子 {team}；招引人 {attracted}',
    'review.nobody': '无',
    'review.filedBy': '{name}（{time}）',
    'review.confirm': '确认',
    'review.confirmFailed': '确认未成功：{reason}',
    'review.adminOnly': '仅项目办可以确认',
  },
  en: {
    'review.reason.cumulativeAboveTotal': "This year's cumulative investment {cumulative} is above the project's total investment {total}",
    'review.reason.monthAbovePace': "This month's investment {completed} is more than {multiple} times this year's whole planned investment {plan}",
    'review.reason.cumulativeDecreased': "This year's cumulative investment {cumulative} is lower than in the previous report ({month}: {previous})",
    'review.reason.filedLate': 'The {month} report was filed after its filing and correction period ({closes}); it counts once the project office approves it',
    'review.reason.corrects': 'Correction: previously {completed} this month ({name}, {time})',
    'review.reason.registration':
      'Project created offline by a cadre: the liaison leader, team and attracted-by member are their own entries and need the project office to confirm them',
    'review.section.title': 'Awaiting review (审核)',
    'review.section.note':
      'These figures failed a plausibility check or were entered by the cadre themselves; they count toward targets and rankings only once the project office confirms them.',
    'review.section.none': 'Nothing awaits review',
    'review.section.count': '{count} items await review',
    'review.col.project': 'Project',
    'review.col.figure': 'To review',
    'review.col.filedBy': 'Filed by',
    'review.col.reasons': 'Why',
    'review.col.action': 'Review',
    'review.item.report': 'Report for {month}: {completed} this month, {cumulative} this year',
    'review.item.registration': 'New project: liaison leader {leader}; team {team}; attracted by {attracted}',
    'review.nobody': 'none',
    'review.filedBy': '{name} ({time})',
    'review.confirm': 'Confirm',
    'review.confirmFailed': 'Not confirmed: {reason}',
    'review.adminOnly': 'Only the project office can confirm',
  },
});
