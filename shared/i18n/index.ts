import type { Locale } from '../schema/common';
import { activityMessages } from './activity';
import { adminMessages } from './admin';
import { anchorMessages } from './anchor';
import { authMessages } from './auth';
import { boardMessages } from './board';
import { boardSnapshotMessages } from './board-snapshot';
import { calcMessages } from './calc';
import { cliMessages } from './cli';
import { clientMessages } from './client';
import { deviceMessages } from './device';
import { errorMessages } from './errors';
import { exportMessages } from './export';
import { historyMessages } from './history';
import { importMessages } from './import';
import { labelMessages } from './labels';
import { modelMessages } from './model';
import { opsMessages } from './ops';
import { reportMessages } from './report';
import { restoreMessages } from './restore';
import { reviewMessages } from './review';
import { serverMessages } from './server';
import { syncMessages } from './sync';
import { uiMessages } from './ui';
import { wallMessages } from './wall';
import { createTranslator, type KeysOf, type MessageParams } from './translate';

// Every table: the server, the tests and the board. The popup and options pages bundle fewer (./extension-pages.ts).
const tables = [
  errorMessages,
  labelMessages,
  modelMessages,
  calcMessages,
  reportMessages,
  exportMessages,
  reviewMessages,
  authMessages,
  serverMessages,
  boardMessages,
  boardSnapshotMessages,
  wallMessages,
  clientMessages,
  uiMessages,
  syncMessages,
  cliMessages,
  adminMessages,
  importMessages,
  opsMessages,
  deviceMessages,
  historyMessages,
  anchorMessages,
  restoreMessages,
  activityMessages,
] as const;
export type MessageKey = KeysOf<(typeof tables)[number]>;

const all = createTranslator(tables);

export function isMessageKey(key: string): key is MessageKey {
  return all.has(key);
}

/** The text of `key` in `locale`, with {name} placeholders filled from params. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return all.t(locale, key, params);
}

/** Field errors (schema/field-errors.ts) as lines a person can act on: "cumulativeWan: 累计完成投资不能比上月…少". */
export function describeFieldErrors(errors: readonly { path: string; key: MessageKey; params: MessageParams }[], locale: Locale): string[] {
  return errors.map((e) => (e.path ? `${e.path}: ` : '') + t(locale, e.key, e.params));
}
