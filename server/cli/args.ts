/** `create-workspace 临江市 --role admin --name 张三` → positionals and flags; a flag without a value is "true". */
export interface ParsedArgs {
  command: string | null;
  positionals: string[];
  flags: Map<string, string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 2) {
        flags.set(arg.slice(2, eq), arg.slice(eq + 1));
        continue;
      }
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(arg.slice(2), next);
        i++;
      } else {
        flags.set(arg.slice(2), 'true');
      }
    } else {
      positionals.push(arg);
    }
  }
  const [command = null, ...rest] = positionals;
  return { command, positionals: rest, flags };
}
