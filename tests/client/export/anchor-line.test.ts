/**
 * The 月报 and 通报 exports carry the latest signed history digest (#13 "anchored"): its fingerprint and signing time
 * when the server gave them, and plainly 未取得存证摘要 otherwise — never a value of their own.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportCircularDocx } from '../../../client/export/circular-docx';
import { exportCircular } from '../../../client/export/circular-export';
import { exportMonthlyReport } from '../../../client/export/monthly-report-export';
import { circularDocument } from '../../../client/view-models/circular/circular-document';
import { monthlyReportRows } from '../../../shared/calc/monthly-report-rows';
import { ANCHOR_UNAVAILABLE, type AnchorStatus } from '../../../shared/history/anchor-note';
import { DIGEST_FINGERPRINT, NONE_SIGNED, SIGNED, ZH_SIGNED_LINE } from './anchor-fixtures';
import { countyBoard } from './fixtures';

const { workspace, rows, asOf } = countyBoard();

/** Every cell's text of the first sheet. */
async function sheetTexts(bytes: Uint8Array): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
  return texts;
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
  return (xml ?? '').replace(/<[^>]+>/g, '');
}

const report = (anchor?: AnchorStatus, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  exportMonthlyReport(monthlyReportRows(workspace, rows, '2026-05', locale), 'xlsx', locale, {
    workspaceName: '示范县项目办',
    exportedOn: '2026-06-15',
    ...(anchor ? { anchor } : {}),
  });

describe('the 月报 xlsx', () => {
  it('ends its notes with the digest’s fingerprint and signing time', async () => {
    const texts = await sheetTexts((await report(SIGNED)).bytes);
    expect(texts.at(-1)).toBe(ZH_SIGNED_LINE);
    const en = await sheetTexts((await report(SIGNED, 'en')).bytes);
    expect(en.at(-1)).toBe(
      `History digest: ${DIGEST_FINGERPRINT} (signed 2026-12-05 00:01, signing key C0DE-77A1-0B9E-4F12; check with npm run cli -- verify --digest)`,
    );
  });

  it('says 未取得存证摘要 when nothing was signed, or the server was not reached, and shows no fingerprint', async () => {
    for (const [anchor, line] of [
      [NONE_SIGNED, '历史存证：未取得存证摘要（服务器尚未签署）'],
      [ANCHOR_UNAVAILABLE, '历史存证：未取得存证摘要（未连接服务器）'],
      [undefined, '历史存证：未取得存证摘要（未连接服务器）'],
    ] as const) {
      const texts = await sheetTexts((await report(anchor)).bytes);
      expect(texts.at(-1)).toBe(line);
      expect(texts.join('\n')).not.toMatch(/[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
    }
  });
});

describe('the 通报', () => {
  const doc = (anchor?: AnchorStatus) => circularDocument({ workspace, rows, month: '2026-05', asOf, locale: 'zh-CN', ...(anchor ? { anchor } : {}) });

  it('carries the line under the signature in the .docx, the xlsx and the CSV', async () => {
    expect(await docxText((await exportCircularDocx(doc(SIGNED))).bytes)).toContain(ZH_SIGNED_LINE);
    expect(await sheetTexts((await exportCircular(doc(SIGNED), 'xlsx', 'zh-CN')).bytes)).toContain(ZH_SIGNED_LINE);
    const csv = new TextDecoder().decode((await exportCircular(doc(SIGNED), 'csv', 'zh-CN')).bytes);
    expect(csv.trimEnd().endsWith(ZH_SIGNED_LINE)).toBe(true);
  });

  it('says 未取得存证摘要 in the .docx when the server was not reached', async () => {
    const text = await docxText((await exportCircularDocx(doc(ANCHOR_UNAVAILABLE))).bytes);
    expect(text).toContain('历史存证：未取得存证摘要（未连接服务器）');
    expect(text).not.toContain('历史存证摘要：');
  });
});
