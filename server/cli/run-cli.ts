/**
 * `npm run cli -- <command> [arguments] [--options]`: one table of commands, each parsed strictly by node:util
 * parseArgs, with `--help` for the CLI and for every command. Exit codes: 0 done, 1 refused, 2 usage, 3 tampered.
 */
import { parseArgs } from 'node:util';
import { t, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import type { Locale } from '../../shared/schema/common';
import type { AppConfig } from '../config';
import { backupCommand, restoreCommand } from './backup-commands';
import { extensionCommand } from './extension-command';
import { defineBareCommand, defineCommand, GLOBAL_OPTIONS, type Command } from './command';
import { EXIT, createWorkspaceCommand, exportCommand, importCommand, inviteCommand, listCommand, revokeCommand, verifyCommand, wallCommand } from './commands';
import { bareCliContext, openCliContext, type CliIo } from './context';
import { digestCommand, publicKeyCommand, verifyDigestCommand } from './digest-commands';
import { revertCommand } from './revert-command';
import { importSheetCommand } from './import-sheet';
import { serverAnswers } from './server-probe';

export const COMMAND_NAMES = [
  'create-workspace',
  'invite',
  'revoke',
  'wall',
  'import',
  'export',
  'verify',
  'list',
  'digest',
  'revert',
  'backup',
  'restore',
  'extension',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const PROGRAM = 'npm run cli --';

/** Every command, exhaustively: a name in COMMAND_NAMES without its entry here does not compile. */
const COMMANDS = {
  'create-workspace': defineCommand({
    args: ['<name...>'],
    options: {},
    optionHelp: {},
    summary: 'cli.cmd.createWorkspace',
    run: (ctx, { args }) => createWorkspaceCommand(ctx, args.join(' ')),
  }),
  invite: defineCommand({
    args: ['<workspaceId>'],
    options: {
      role: { type: 'string' },
      member: { type: 'string' },
      name: { type: 'string' },
      rank: { type: 'string' },
      unit: { type: 'string' },
      hours: { type: 'string' },
    },
    optionHelp: {
      role: { key: 'cli.opt.role', valueName: 'role' },
      member: { key: 'cli.opt.member', valueName: 'memberId' },
      name: { key: 'cli.opt.name', valueName: 'name' },
      rank: { key: 'cli.opt.rank', valueName: 'rank' },
      unit: { key: 'cli.opt.unit', valueName: 'unitId' },
      hours: { key: 'cli.opt.hours', valueName: 'N' },
    },
    summary: 'cli.cmd.invite',
    run: (ctx, { args: [workspaceId = ''], values }) => inviteCommand(ctx, workspaceId, values),
  }),
  revoke: defineCommand({
    args: ['<workspaceId>', '<memberId>'],
    options: {},
    optionHelp: {},
    summary: 'cli.cmd.revoke',
    run: (ctx, { args: [workspaceId = '', memberId = ''] }) => revokeCommand(ctx, workspaceId, memberId),
  }),
  wall: defineCommand({
    args: ['<workspaceId>'],
    options: { url: { type: 'string' } },
    optionHelp: { url: { key: 'cli.opt.url', valueName: 'http://HOST:PORT' } },
    summary: 'cli.cmd.wall',
    run: (ctx, { args: [workspaceId = ''], values, config }) =>
      wallCommand(ctx, workspaceId, values.url ?? config.publicUrl ?? `http://${config.host}:${config.port}`),
  }),
  import: defineCommand({
    // `import <file.json>`: a whole workspace from a bundle; `import <workspaceId> <file.xlsx|csv>`: a spreadsheet
    args: ['<workspaceId|file.json>', '[file.xlsx|file.csv]'],
    options: {
      kind: { type: 'string' },
      month: { type: 'string' },
      sheet: { type: 'string' },
      as: { type: 'string' },
      map: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    optionHelp: {
      kind: { key: 'cli.opt.kind', valueName: 'projects|monthly' },
      month: { key: 'cli.opt.month', valueName: 'YYYY-MM' },
      sheet: { key: 'cli.opt.sheet', valueName: 'name' },
      as: { key: 'cli.opt.as', valueName: 'memberId' },
      map: { key: 'cli.opt.map', valueName: 'E=content,F=none' },
      'dry-run': { key: 'cli.opt.dryRun' },
      json: { key: 'cli.opt.json' },
    },
    summary: 'cli.cmd.import',
    run: (ctx, { args: [first = '', file], values, config }) => {
      if (file !== undefined) return importSheetCommand(ctx, first, file, values, () => serverAnswers(config));
      // a spreadsheet without the workspace it goes into is a usage error, not a bundle that fails to parse
      if (/\.(xlsx|xlsm|xls|csv)$/i.test(first)) {
        ctx.err(t(ctx.locale, 'import.cli.needWorkspace', { file: first }));
        return Promise.resolve(EXIT.usage);
      }
      return importCommand(ctx, first);
    },
  }),
  export: defineCommand({
    args: ['<workspaceId>', '[file]'],
    options: {},
    optionHelp: {},
    summary: 'cli.cmd.export',
    run: (ctx, { args: [workspaceId = '', file] }) => exportCommand(ctx, workspaceId, file),
  }),
  verify: defineCommand({
    args: [],
    // --digest <file>: that today's history extends a signed digest (#13), besides the chain itself
    options: { digest: { type: 'string' } },
    optionHelp: { digest: { key: 'audit.opt.digest', valueName: 'file' } },
    summary: 'cli.cmd.verify',
    run: (ctx, { values, config }) => (values.digest === undefined ? verifyCommand(ctx) : verifyDigestCommand(ctx, config.dataDir, values.digest)),
  }),
  list: defineCommand({ args: [], options: {}, optionHelp: {}, summary: 'cli.cmd.list', run: (ctx) => listCommand(ctx) }),
  backup: defineBareCommand({
    args: ['[file]'],
    options: {},
    optionHelp: {},
    summary: 'ops.cmd.backup',
    run: (ctx, { args: [file], config }) => backupCommand(ctx, config, file),
  }),
  restore: defineBareCommand({
    args: ['<file>'],
    options: {},
    optionHelp: {},
    summary: 'ops.cmd.restore',
    run: (ctx, { args: [file = ''], config }) => restoreCommand(ctx, config, file),
  }),
  extension: defineBareCommand({
    args: [],
    options: { url: { type: 'string' } },
    optionHelp: { url: { key: 'cli.opt.url', valueName: 'http://HOST:PORT' } },
    summary: 'ops.cmd.extension',
    run: (ctx, { values, config }) => extensionCommand(ctx, config, values.url),
  }),
  digest: defineCommand({
    args: ['[file]'],
    // --public-key: print the signing key and the latest digest without signing (#13: the key published)
    options: { 'public-key': { type: 'boolean' } },
    optionHelp: { 'public-key': { key: 'anchor.opt.publicKey' } },
    summary: 'audit.cmd.digest',
    run: (ctx, { args: [file], values, config }) =>
      values['public-key'] === true ? publicKeyCommand(ctx, config.dataDir) : digestCommand(ctx, config.dataDir, file),
  }),
  revert: defineCommand({
    args: ['<workspaceId>'],
    options: {
      member: { type: 'string' },
      project: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      at: { type: 'string' },
      as: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    optionHelp: {
      member: { key: 'revert.opt.member', valueName: 'memberId' },
      project: { key: 'revert.opt.project', valueName: 'projectId' },
      from: { key: 'revert.opt.from', valueName: 'ISO time' },
      to: { key: 'revert.opt.to', valueName: 'ISO time' },
      at: { key: 'restore.opt.at', valueName: 'ISO time' },
      as: { key: 'revert.opt.as', valueName: 'memberId' },
      'dry-run': { key: 'revert.opt.dryRun' },
      json: { key: 'revert.opt.json' },
    },
    summary: 'revert.cmd',
    run: (ctx, { args: [workspaceId = ''], values, config }) => revertCommand(ctx, workspaceId, values, () => serverAnswers(config)),
  }),
} satisfies Record<CommandName, Command>;

function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

const GLOBAL_LINES: ReadonlyArray<{ flag: string; key: MessageKey }> = [
  { flag: '--lang <zh-CN|en>', key: 'cli.opt.lang' },
  { flag: '--help, -h', key: 'cli.opt.help' },
];

function synopsis(name: CommandName): string {
  const command: Command = COMMANDS[name];
  return [PROGRAM, name, ...command.args, ...(command.optionLines.length > 0 ? ['[options]'] : [])].join(' ');
}

function optionTable(lines: ReadonlyArray<{ flag: string; key: MessageKey }>, locale: Locale): string[] {
  const width = Math.max(...lines.map((l) => l.flag.length));
  return lines.map((l) => `  ${l.flag.padEnd(width)}  ${t(locale, l.key)}`);
}

/** The CLI's own help: every command with what it does. */
export function cliHelp(locale: Locale): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => synopsis(name).length));
  return [
    t(locale, 'cli.help.title'),
    '',
    t(locale, 'cli.help.commands'),
    ...COMMAND_NAMES.map((name) => `  ${synopsis(name).padEnd(width)}  ${t(locale, COMMANDS[name].summary)}`),
    '',
    t(locale, 'cli.help.options'),
    ...optionTable(GLOBAL_LINES, locale),
    '',
    t(locale, 'cli.help.more'),
    t(locale, 'cli.help.dataDir'),
  ].join('\n');
}

/** One command's help: its synopsis, what it does and each of its options. */
export function commandHelp(name: CommandName, locale: Locale): string {
  const command: Command = COMMANDS[name];
  return [
    t(locale, 'cli.usage', { usage: synopsis(name) }),
    t(locale, command.summary),
    '',
    t(locale, 'cli.help.options'),
    ...optionTable([...command.optionLines, ...GLOBAL_LINES], locale),
  ].join('\n');
}

/** The language `--lang` asks for, wherever it is (zh-CN without it); null for anything but zh-CN or en. */
export function cliLocale(argv: readonly string[]): Locale | null {
  const { values } = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
  const lang = values.lang;
  if (lang === undefined) return 'zh-CN';
  return lang === 'zh-CN' || lang === 'en' ? lang : null;
}

/** Runs one CLI command against DATA_DIR; returns the exit code. */
export async function runCli(argv: readonly string[], config: AppConfig, io: CliIo): Promise<number> {
  const locale = cliLocale(argv);
  if (!locale) {
    io.err(t('zh-CN', 'cli.badLang'));
    return EXIT.usage;
  }
  const say = (key: MessageKey, params?: MessageParams): void => io.err(t(locale, key, params));
  const { tokens } = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((token) => token.kind === 'positional');
  const wantsHelp = tokens.some((token) => token.kind === 'option' && token.name === 'help');

  if (!first || first.value === 'help') {
    const topic = first ? tokens.find((token) => token.kind === 'positional' && token.index > first.index) : undefined;
    if (topic?.kind === 'positional' && isCommandName(topic.value)) {
      io.out(commandHelp(topic.value, locale));
      return EXIT.ok;
    }
    if (!first && !wantsHelp) {
      io.err(cliHelp(locale));
      return EXIT.usage;
    }
    io.out(cliHelp(locale));
    return EXIT.ok;
  }
  if (!isCommandName(first.value)) {
    say('cli.unknownCommand', { command: first.value });
    say('cli.seeHelp', { help: `${PROGRAM} --help` });
    return EXIT.usage;
  }
  const name = first.value;
  const parsed = COMMANDS[name].parse(argv.filter((_, i) => i !== first.index));
  if (!parsed.ok) {
    say(parsed.error.key, parsed.error.params);
    say('cli.usage', { usage: synopsis(name) });
    say('cli.seeHelp', { help: `${PROGRAM} ${name} --help` });
    return EXIT.usage;
  }
  if (parsed.help) {
    io.out(commandHelp(name, locale));
    return EXIT.ok;
  }
  let opened: Awaited<ReturnType<typeof openCliContext>> | null = null;
  const session = { bare: bareCliContext(io, locale), open: async () => (opened ??= await openCliContext(config, io, locale)) };
  try {
    return await parsed.run(session, config);
  } finally {
    await (opened as Awaited<ReturnType<typeof openCliContext>> | null)?.close();
  }
}
