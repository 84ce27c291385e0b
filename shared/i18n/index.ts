import type { z } from 'zod';
import type { Locale } from '../schema/common';
import { authMessages } from './auth';
import { boardMessages } from './board';
import { boardSnapshotMessages } from './board-snapshot';
import { calcMessages } from './calc';
import { cliMessages } from './cli';
import { clientMessages } from './client';
import { errorMessages } from './errors';
import { labelMessages } from './labels';
import { modelMessages } from './model';
import { reportMessages } from './report';
import { reviewMessages } from './review';
import { serverMessages } from './server';
import { syncMessages } from './sync';
import { uiMessages } from './ui';
import { createTranslator, type KeysOf, type MessageParams } from './translate';

export * from './format';
export { defineMessages, type MessageTable } from './define';
export { createTranslator, type KeysOf, type MessageParams, type Translator } from './translate';

// Every table: the server, the tests and the board. The popup and options pages bundle fewer (./extension-pages.ts).
const tables = [errorMessages, labelMessages, modelMessages, calcMessages, reportMessages, reviewMessages, authMessages, serverMessages, boardMessages, boardSnapshotMessages, clientMessages, uiMessages, syncMessages, cliMessages] as const;
export type MessageKey = KeysOf<(typeof tables)[number]>;

const all = createTranslator(tables);

export function isMessageKey(key: string): key is MessageKey {
  return all.has(key);
}

/** The text of `key` in `locale`, with {name} placeholders filled from params. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return all.t(locale, key, params);
}

/** One problem with a value, where it is and what to do, ready to show next to the field. */
export interface FieldError {
  path: string;
  key: MessageKey;
  params: MessageParams;
}

function issueKey(issue: z.core.$ZodIssue): MessageKey {
  if (isMessageKey(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 leaves the input out of issues unless asked (reportInput); its default message still names it.
      return ('input' in issue ? issue.input === undefined : /received undefined/.test(issue.message)) ? 'err.required' : 'err.type';
    case 'invalid_value':
      return 'err.unknownValue';
    case 'too_big':
      return 'err.text.tooLong';
    case 'too_small':
      return 'err.required';
    default:
      return 'err.generic';
  }
}

/** zod issues as field errors whose messages exist in both languages. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    key: issueKey(issue),
    params: Object.fromEntries(
      Object.entries(('params' in issue && issue.params) || {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
    ) as MessageParams,
  }));
}

/** Field errors as lines a person can act on: "cumulativeWan: 累计完成投资不能比上月…少". */
export function describeFieldErrors(errors: FieldError[], locale: Locale): string[] {
  return errors.map((e) => (e.path ? `${e.path}: ` : '') + t(locale, e.key, e.params));
}
