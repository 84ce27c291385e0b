import type { HeaderColumn } from './header';
import { normalizeHeader } from './fields';

/**
 * A template's key: a hash (FNV-1a, 32 bits, hex) of its header labels in order, so the same office form maps the same
 * way next month whatever its title or data rows say. Years and month ranges in labels are left out ("2026年1-11月完成
 * 投资" and "2026年1-12月完成投资" are one template).
 */
export function templateKey(columns: readonly HeaderColumn[]): string {
  const text = columns
    .map((c) =>
      normalizeHeader(c.label)
        .replace(/\d{4}年/g, 'Y年')
        .replace(/\d{1,2}[-~至到]\d{1,2}月/g, 'M月')
        .replace(/\d{1,2}月/g, 'M月'),
    )
    .join('|');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
