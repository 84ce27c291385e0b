/** Text as people type it into Excel: full-width digits and punctuation, stray spaces. */

/** Full-width ASCII forms (０-９, Ａ-Ｚ, ．，－ …) as ASCII, and the ideographic space as a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A header or value for comparison: half-width, no spaces or line breaks anywhere. */
export function squeeze(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '');
}
