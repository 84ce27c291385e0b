/**
 * Formula injection (CSV injection): a spreadsheet opening an exported file runs a cell that starts with = + - @ (or a
 * tab or CR before one of them) as a formula. Project names, progress and problems are typed by members, so any of
 * them could be "=HYPERLINK(…)". Such text is written as text; numbers (negative ones included) stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet could read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** CSV has no cell types: text that could start a formula gets a leading apostrophe, which Excel and WPS show as text. */
export function neutralizeCsvText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** The xlsx text format: a cell formatted '@' stays text even when someone edits it and presses Enter. */
export const TEXT_FORMAT = '@';
