import { defineMessages } from './define';

/** Messages of the server's import/export, its REST reports and its admin CLI. */
export const serverMessages = defineMessages({
  'zh-CN': {
    'bundle.notJson': '文件不是有效的 JSON',
    'bundle.format': '不是挂图作战数据包（format 应为 "guatu-bundle"）',
    'bundle.version': '不支持的数据包版本（应为 1）',
    'bundle.duplicateId': '编号 {id} 重复',
    'bundle.unknownUnit': '单位 {id} 不存在',
    'bundle.unknownMember': '人员 {id} 不存在',
    'bundle.unknownWindow': '会战 {id} 不存在',
    'bundle.notRegistered': '项目 {id} 未在项目库（registry）中登记',
    'bundle.registryMismatch': '项目库登记的名称与项目名称不一致',
    'bundle.workspaceExists': '工作区 {id} 已存在，未导入任何数据',
    'rest.notFound': '没有找到',
    'rest.asOf': '日期格式应为 年-月-日，如 2026-03-31',
    'rest.page': '分页参数无效',
    'rest.notMember': '只有本工作区的成员可以查看',
    'rest.workspaceEmpty': '工作区尚无数据',
  },
  en: {
    'bundle.notJson': 'The file is not valid JSON',
    'bundle.format': 'Not a Guatu bundle (format must be "guatu-bundle")',
    'bundle.version': 'Unsupported bundle version (must be 1)',
    'bundle.duplicateId': 'The id {id} appears twice',
    'bundle.unknownUnit': 'There is no unit {id}',
    'bundle.unknownMember': 'There is no member {id}',
    'bundle.unknownWindow': 'There is no campaign window {id}',
    'bundle.notRegistered': 'Project {id} has no line in the registry',
    'bundle.registryMismatch': "The registry's name differs from the project's name",
    'bundle.workspaceExists': 'Workspace {id} already exists; nothing was imported',
    'rest.notFound': 'Not found',
    'rest.asOf': 'Write the date as year-month-day, e.g. 2026-03-31',
    'rest.page': 'Invalid paging parameters',
    'rest.notMember': 'Only members of this workspace may look',
    'rest.workspaceEmpty': 'The workspace holds no data yet',
  },
});
