import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { errorMessages } from '../../shared/i18n/errors';
import { toFieldErrors } from '../../shared/schema/field-errors';

// shared/schema/field-errors.ts tells a schema's own message from zod's by its form ('err.…'), so that the popup's
// live side need not bundle the validation table: every such message the sources write must be a key of that table.
const FOLDERS = ['shared', 'client', 'server', 'components', 'entrypoints'];
const SCHEMA_MESSAGE = /\b(?:error|message):\s*'(err\.[\w.]+)'/g;

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

describe("the schemas' messages", () => {
  it('are all keys of the validation table', () => {
    const found: string[] = [];
    const unknown: string[] = [];
    for (const folder of FOLDERS)
      for (const file of sources(folder))
        for (const m of readFileSync(file, 'utf8').matchAll(SCHEMA_MESSAGE)) {
          const key = m[1] ?? '';
          found.push(key);
          if (!Object.hasOwn(errorMessages['zh-CN'], key)) unknown.push(`${file}: ${key}`);
        }
    expect(found.length).toBeGreaterThan(20);
    expect(unknown).toEqual([]);
  });

  it("become field errors with their own key; zod's own messages become the nearest general one", () => {
    const schema = z.object({
      name: z.string().check(z.minLength(1, { error: 'err.text.required' })),
      count: z.number(),
      kind: z.enum(['a', 'b']),
    });
    const result = schema.safeParse({ name: '', count: '3', kind: 'c' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toFieldErrors(result.error).map((e) => `${e.path} ${e.key}`)).toEqual(['name err.text.required', 'count err.type', 'kind err.unknownValue']);
  });
});
