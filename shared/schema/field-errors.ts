import type * as z from 'zod/mini';
import type { errorMessages } from '../i18n/errors';
import type { MessageKey } from '../i18n';
import type { MessageParams } from '../i18n/translate';

/** One problem with a value, where it is and what to do, ready to show next to the field. */
export interface FieldError {
  path: string;
  key: MessageKey;
  params: MessageParams;
}

type ValidationKey = keyof (typeof errorMessages)['zh-CN'];

/**
 * The schemas' messages are keys of the validation table (shared/i18n/errors.ts; tests/shared/error-keys.test.ts checks
 * every `'err.…'` the sources write is a key of the tables). Told apart by their form, so this bridge bundles no table:
 * the popup's live side loads it on every opening, and zod's own messages are sentences.
 */
function isSchemaKey(message: string): message is ValidationKey {
  return /^err\.[\w.]+$/.test(message);
}

function issueKey(issue: z.core.$ZodIssue): ValidationKey {
  if (isSchemaKey(issue.message)) return issue.message;
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
export function toFieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    key: issueKey(issue),
    params: Object.fromEntries(
      Object.entries(('params' in issue && issue.params) || {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
    ) as MessageParams,
  }));
}
