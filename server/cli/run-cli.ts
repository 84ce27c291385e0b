import type { AppConfig } from '../config';
import { parseArgs } from './args';
import {
  EXIT, createWorkspaceCommand, exportCommand, importCommand, inviteCommand, listCommand, revokeCommand, verifyCommand, wallCommand,
} from './commands';
import { openCliContext, type CliIo } from './context';

export const CLI_HELP = `挂图作战 Guatu admin CLI · 管理命令

  npm run cli -- create-workspace <name>
  npm run cli -- invite <workspaceId> --role admin|leader|member|observer [--member <id> | --name <名字> --rank <rank> --unit <unitId>] [--hours N]
  npm run cli -- revoke <workspaceId> <memberId>
  npm run cli -- wall <workspaceId> [--url http://HOST:PORT]     (read-only wall display address)
  npm run cli -- import <file.json>
  npm run cli -- export <workspaceId> [file]
  npm run cli -- verify
  npm run cli -- list

Options: --lang en (English messages). DATA_DIR selects the data folder, as for the server.
It is safe to run while the server is up (SQLite WAL); a revocation closes a running server's open connections
only when they reconnect.`;

/** Runs one CLI command against DATA_DIR; returns the exit code. */
export async function runCli(argv: readonly string[], config: AppConfig, io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === null || args.command === 'help' || args.flags.has('help')) {
    io.out(CLI_HELP);
    return args.command === null ? EXIT.usage : EXIT.ok;
  }
  const known = ['create-workspace', 'invite', 'revoke', 'wall', 'import', 'export', 'verify', 'list'];
  if (!known.includes(args.command)) {
    io.err(`未知命令 · unknown command: ${args.command}\n\n${CLI_HELP}`);
    return EXIT.usage;
  }
  const ctx = openCliContext(config, io, args.flags.get('lang') === 'en' ? 'en' : 'zh-CN');
  const [first, second] = args.positionals;
  try {
    switch (args.command) {
      case 'create-workspace':
        return await createWorkspaceCommand(ctx, args.positionals.join(' ') || undefined);
      case 'invite':
        return await inviteCommand(ctx, first, args.flags);
      case 'revoke':
        return await revokeCommand(ctx, first, second);
      case 'wall':
        return await wallCommand(ctx, first, args.flags.get('url') ?? config.publicUrl ?? `http://${config.host}:${config.port}`);
      case 'import':
        return await importCommand(ctx, first);
      case 'export':
        return await exportCommand(ctx, first, second);
      case 'verify':
        return await verifyCommand(ctx);
      default:
        return await listCommand(ctx);
    }
  } finally {
    await ctx.close();
  }
}
