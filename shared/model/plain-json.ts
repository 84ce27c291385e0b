import * as Y from 'yjs';
import { err, ok, type Result } from '../result';

/** A plain JSON value as stored under one key of a Yjs map. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type PlainCheck = Result<object, { key: 'err.model.nestedType' | 'err.model.notJson' }>;

const MAX_DEPTH = 32;

/**
 * Whether a value read from a document is plain data we can hand to a schema: another replica may have written a
 * nested Y type, bytes, or (through `__proto__` keys) objects with odd prototypes, and schemas must never walk those.
 */
export function checkPlain(value: unknown, depth = 0): PlainCheck {
  if (value instanceof Y.AbstractType) return err({ key: 'err.model.nestedType' });
  if (value === null || value === undefined) return ok();
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return ok();
    case 'object': {
      if (depth >= MAX_DEPTH) return err({ key: 'err.model.notJson' });
      const proto: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value) && proto === Array.prototype) {
        for (const item of value) {
          const inner = checkPlain(item, depth + 1);
          if (!inner.ok) return inner;
        }
        return ok();
      }
      if (proto !== Object.prototype && proto !== null) return err({ key: 'err.model.notJson' });
      // An own `__proto__` key becomes a prototype when another replica decodes it: refuse it everywhere alike.
      if (Object.hasOwn(value, '__proto__')) return err({ key: 'err.model.notJson' });
      for (const item of Object.values(value)) {
        const inner = checkPlain(item, depth + 1);
        if (!inner.ok) return inner;
      }
      return ok();
    }
    default:
      return err({ key: 'err.model.notJson' });
  }
}

/** Structural equality of plain values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}

/**
 * What a stored value looked like, safe to show in an invalid record and the same on every replica: plain data as it
 * is, shared types as their JSON, anything else only as unreadable.
 */
export function describeRaw(value: unknown): unknown {
  if (value instanceof Y.AbstractType) {
    try {
      return { sharedType: value.constructor.name, json: value.toJSON() as unknown };
    } catch {
      return { sharedType: value.constructor.name };
    }
  }
  return checkPlain(value).ok ? value : { unreadable: true };
}
