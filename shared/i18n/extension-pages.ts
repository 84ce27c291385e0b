import { clientMessages } from './client';
import { deviceMessages } from './device';
import { errorMessages } from './errors';
import { labelMessages } from './labels';
import { modelMessages } from './model';
import { reportMessages } from './report';
import { syncMessages } from './sync';
import { uiMessages } from './ui';
import { createTranslator, type KeysOf } from './translate';

/**
 * The tables the popup and options pages speak from: their own words (ui), the domain's names (labels), the checklist
 * (report), joining and sync (client, sync), and every key a FieldError can carry there (errors, model). The board's,
 * the server's, auth's and calc's tables stay out of these pages' bundles.
 */
export const EXTENSION_PAGE_TABLES = [
  errorMessages,
  labelMessages,
  modelMessages,
  reportMessages,
  clientMessages,
  uiMessages,
  syncMessages,
  deviceMessages,
] as const;
export type PageMessageKey = KeysOf<(typeof EXTENSION_PAGE_TABLES)[number]>;

export const pageMessages = createTranslator(EXTENSION_PAGE_TABLES);
