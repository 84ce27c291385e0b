/**
 * A money figure as typed (万元): full-width digits and punctuation from a Chinese IME, thousands separators and
 * spaces are accepted. Empty → null (nothing typed); not a number → NaN, so the form can say so at the field.
 */
export function parseWan(text: string): number | null {
  const plain = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[,，\s]/g, '');
  if (plain === '') return null;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(plain)) return Number.NaN;
  return Number(plain);
}
