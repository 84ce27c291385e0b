/** GBK bytes of a text, for CSV fixtures as old Excel/WPS save them (Node decodes GBK but has no encoder). */
let table: Map<string, number[]> | null = null;

function gbkTable(): Map<string, number[]> {
  if (table) return table;
  const decoder = new TextDecoder('gbk');
  const map = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, [hi, lo]);
    }
  }
  table = map;
  return map;
}

export function encodeGbk(text: string): Uint8Array {
  const out: number[] = [];
  const map = gbkTable();
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = map.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
