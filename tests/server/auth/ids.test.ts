import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/auth/ids';
import { IdSchema } from '../../../shared/schema/common';

describe('new ids', () => {
  it('pass IdSchema and never start with a character the CLI would read as an option', () => {
    // one draw in 32 of plain base64url starts with '-' or '_': 10,000 ids would meet hundreds
    const ids = Array.from({ length: 10_000 }, newId);
    expect(ids.filter((id) => !/^[A-Za-z0-9]/.test(id))).toEqual([]);
    expect(ids.every((id) => IdSchema.safeParse(id).success && id.length === 12)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
