import { defineMessages } from './define';

/** Messages of running the server in an office: backup and restore, the extension's install files (CLI). */
export const opsMessages = defineMessages({
  'zh-CN': {
    'ops.cmd.backup': '在线备份数据库（服务器运行时也可以），备份写完后校验审计链',
    'ops.cmd.restore': '把备份恢复到空的 DATA_DIR（不覆盖现有数据），恢复前后都校验审计链',
    'ops.backup.done': '已备份并校验：{file}（{size}，{documents} 个文档，{updates} 条更新）',
    'ops.backup.exists': '{file} 已存在，不覆盖；请换一个文件名',
    'ops.backup.noDatabase': '没有数据库文件：{file}（DATA_DIR 是否正确？）',
    'ops.backup.failed': '备份失败：{detail}',
    'ops.backup.tampered': '备份已写入 {file}，但其中的审计链未通过校验（原数据库的历史记录可能已被改动）',
    'ops.backup.postgres': '已设置 DATABASE_URL：数据在 PostgreSQL 中，请用 pg_dump 备份（实例运行时即可，pg_dump 读取一致的快照）：',
    'ops.restore.postgres': '已设置 DATABASE_URL：请用 pg_restore 恢复到一个空数据库，然后校验审计链：',
    'ops.restore.done': '已恢复到 {file}：审计链在恢复前后均完好（{documents} 个文档，{updates} 条更新）。现在可以启动服务器。',
    'ops.restore.notEmpty': 'DATA_DIR 中已有数据库 {file}：恢复只写入空的 DATA_DIR，绝不覆盖现有数据。请指定一个空目录（DATA_DIR=…），或先把现有文件移走。',
    'ops.restore.noBackup': '找不到备份文件：{file}',
    'ops.restore.notDatabase': '{file} 不是可用的备份：{detail}',
    'ops.restore.tampered': '备份的审计链未通过校验，未恢复任何数据',
    'ops.restore.mismatch': '恢复后的数据与备份不一致（恢复前 {before} 条更新，恢复后 {after} 条），已停止；请重试',
    'ops.ext.notBuilt': '服务器上还没有构建好的扩展：请在服务器上运行 npm run build',
    'ops.ext.firefoxNotBuilt': '服务器上没有火狐版扩展：请在服务器上运行 npm run build:firefox',
    'ops.cmd.extension': '显示扩展 ID、下载地址和安装策略文件（Windows 注册表、Linux 策略），服务器地址已填好',
    'ops.ext.noPublicUrl': '提示：HOST 为 {host}，浏览器无法用这个地址访问；请设置 PUBLIC_URL（如 http://192.168.1.20:8787）或用 --url 指定',
    'ops.ext.keyGenerated': '已生成服务器的扩展签名密钥：{file}（请与数据库一起备份；换了密钥，扩展 ID 就会改变）',
  },
  en: {
    'ops.cmd.backup': 'Back up the database online (also while the server runs); the backup’s audit chain is verified',
    'ops.cmd.restore': 'Restore a backup into an empty DATA_DIR (never overwrites); the audit chain is verified before and after',
    'ops.backup.done': 'Backed up and verified: {file} ({size}, {documents} documents, {updates} updates)',
    'ops.backup.exists': '{file} exists; not overwritten: choose another file name',
    'ops.backup.noDatabase': 'No database file: {file} (is DATA_DIR right?)',
    'ops.backup.failed': 'Backup failed: {detail}',
    'ops.backup.tampered': 'Backup written to {file}, but its audit chain does not verify (the database’s history may have been altered)',
    'ops.backup.postgres':
      'DATABASE_URL is set: the data is in PostgreSQL; back it up with pg_dump (fine while instances run: pg_dump reads one consistent snapshot):',
    'ops.restore.postgres': 'DATABASE_URL is set: restore with pg_restore into an empty database, then verify the audit chain:',
    'ops.restore.done':
      'Restored to {file}: the audit chain is intact before and after ({documents} documents, {updates} updates). You can start the server now.',
    'ops.restore.notEmpty':
      'DATA_DIR already holds a database, {file}: a restore only writes into an empty DATA_DIR and never overwrites data. Point DATA_DIR=… at an empty folder, or move the existing file away first.',
    'ops.restore.noBackup': 'Backup file not found: {file}',
    'ops.restore.notDatabase': '{file} is not a usable backup: {detail}',
    'ops.restore.tampered': 'The backup’s audit chain does not verify; nothing restored',
    'ops.restore.mismatch': 'The restored data differs from the backup ({before} updates before, {after} after); stopped: try again',
    'ops.ext.notBuilt': 'No built extension on the server yet: run npm run build on the server',
    'ops.ext.firefoxNotBuilt': 'No Firefox build on the server: run npm run build:firefox on the server',
    'ops.cmd.extension':
      'Show the extension id, download addresses and install policy files (Windows registry, Linux policy) with this server’s address filled in',
    'ops.ext.noPublicUrl': 'Note: HOST is {host}, which browsers cannot reach; set PUBLIC_URL (e.g. http://192.168.1.20:8787) or pass --url',
    'ops.ext.keyGenerated': 'Generated the server’s extension signing key: {file} (back it up with the database: a new key means a new extension id)',
  },
});
