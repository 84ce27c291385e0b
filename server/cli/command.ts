/**
 * One CLI command: its arguments and options as `node:util` parseArgs reads them (strictly: an unknown option or a
 * missing value is a usage error, never a guess), its help, and what it does with what it parsed.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/i18n/translate';
import type { AppConfig } from '../config';
import type { BareCliContext, CliContext } from './context';
import type { Result } from '../../shared/result';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
} as const satisfies Options;

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O & typeof GLOBAL_OPTIONS; strict: true; allowPositionals: true }>>;

/** A usage error: what is wrong, as a message, with the exit code 2. */
export interface UsageError {
  key: MessageKey;
  params: MessageParams;
}

/** What a command gets: its positionals by name (required ones present), its options as typed. */
export interface CommandInput<O extends Options> {
  args: string[];
  values: Parsed<O>['values'];
  config: AppConfig;
}

export interface CommandSpec<O extends Options, C extends BareCliContext = CliContext> {
  /** Positional arguments in order: `<name>` required, `[name]` optional, `<name...>` one or more (the rest). */
  args: readonly string[];
  options: O;
  summary: MessageKey;
  /** Help text of each option, by option name; `<value>` after the name in help is `valueName`. */
  optionHelp: { [K in keyof O]: { key: MessageKey; valueName?: string } };
  run(ctx: C, input: CommandInput<O>): Promise<number>;
}

/** What the dispatcher hands a command: the bare context, and the stores opened only when the command needs them. */
export interface CliSession {
  bare: BareCliContext;
  open(): Promise<CliContext>;
}

export type Parse = Result<{ help: boolean; run: (session: CliSession, config: AppConfig) => Promise<number> }, { error: UsageError }>;

/** A command as the dispatcher sees it: no option types left, so commands of different options share one table. */
export interface Command {
  readonly args: readonly string[];
  readonly summary: MessageKey;
  readonly optionLines: ReadonlyArray<{ flag: string; key: MessageKey }>;
  parse(argv: readonly string[]): Parse;
}

const isRest = (arg: string): boolean => arg.endsWith('...>');
const isOptional = (arg: string): boolean => arg.startsWith('[');

/**
 * Checks argv against the options before parsing, so a person reads which option is wrong in their language rather
 * than node's English error text.
 */
function checkOptions(argv: readonly string[], options: Options): UsageError | null {
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) return { key: 'cli.unknownOption', params: { option: token.rawName } };
    if (option.type === 'string' && token.value === undefined) return { key: 'cli.optionNeedsValue', params: { option: token.rawName } };
  }
  return null;
}

/** A command on the server's stores (opened for it, closed after). */
export function defineCommand<const O extends Options>(spec: CommandSpec<O>): Command {
  return define(spec, (session) => session.open());
}

/** A command that must not open the stores: restore (into an empty DATA_DIR), backup (its own connection), extension. */
export function defineBareCommand<const O extends Options>(spec: CommandSpec<O, BareCliContext>): Command {
  return define(spec, (session) => Promise.resolve(session.bare));
}

function define<const O extends Options, C extends BareCliContext>(spec: CommandSpec<O, C>, contextOf: (session: CliSession) => Promise<C>): Command {
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  const optionLines = Object.entries(spec.optionHelp as Record<string, { key: MessageKey; valueName?: string }>).map(([name, help]) => ({
    flag: `--${name}${help.valueName ? ` <${help.valueName}>` : ''}`,
    key: help.key,
  }));
  return {
    args: spec.args,
    summary: spec.summary,
    optionLines,
    parse(argv) {
      const wrong = checkOptions(argv, options);
      if (wrong) return { ok: false, error: wrong };
      let parsed: Parsed<O>;
      try {
        parsed = parseArgs({ args: [...argv], options: options as O & typeof GLOBAL_OPTIONS, strict: true, allowPositionals: true });
      } catch (error) {
        return { ok: false, error: { key: 'cli.badArguments', params: { detail: error instanceof Error ? error.message : String(error) } } };
      }
      const help = (parsed.values as { help?: boolean }).help === true;
      const positionals = parsed.positionals;
      if (!help) {
        const required = spec.args.filter((a) => !isOptional(a));
        const missing = required[positionals.length];
        if (missing !== undefined) return { ok: false, error: { key: 'cli.missingArgument', params: { argument: missing } } };
        const extra = spec.args.some(isRest) ? undefined : positionals[spec.args.length];
        if (extra !== undefined) return { ok: false, error: { key: 'cli.extraArgument', params: { argument: extra } } };
      }
      return { ok: true, help, run: async (session, config) => spec.run(await contextOf(session), { args: positionals, values: parsed.values, config }) };
    },
  };
}
