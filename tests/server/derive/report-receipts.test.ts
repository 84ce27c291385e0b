import { describe, expect, it } from 'vitest';
import { stampReportReceipts } from '../../../server/derive/report-receipts';
import { summaryRow } from '../../../shared/calc/summary-row';
import { bundle, report, shanghaiNoon } from '../../shared/calc/report-fixtures';

const filed = { by: 'zhang', at: shanghaiNoon('2026-02-03') };

/** The previous row, as stored: February filed on 3 March (in its window) and stamped when it arrived. */
function stored() {
  const row = summaryRow(bundle({ id: 'p1', ownerId: 'zhang' }, { reports: [report('2026-01', 100, 100), report('2026-02', 200, 300, { filed })] }));
  const february = row.reportFiling?.['2026-02'];
  if (!february) throw new Error('no filing');
  return { ...row, reportFiling: { ...row.reportFiling, '2026-02': { ...february, receivedAt: filed.at + 60_000 } } };
}

describe('月报 receipts', () => {
  it('the same version (filer, time and figures) keeps the time it first arrived', () => {
    const previous = stored();
    const again = summaryRow(bundle({ id: 'p1', ownerId: 'zhang' }, { reports: [report('2026-01', 100, 100), report('2026-02', 200, 300, { filed })] }));
    expect(stampReportReceipts(again, previous, Date.UTC(2026, 5, 1)).reportFiling?.['2026-02']?.receivedAt).toBe(filed.at + 60_000);
  });

  it('new figures sent under the old filing time are a new version, stamped when they arrived', () => {
    const previous = stored();
    const now = Date.UTC(2026, 5, 1);
    const changed = summaryRow(bundle({ id: 'p1', ownerId: 'zhang' }, { reports: [report('2026-01', 100, 100), report('2026-02', 900, 1_000, { filed })] }));
    expect(stampReportReceipts(changed, previous, now).reportFiling?.['2026-02']).toMatchObject({ filed, receivedAt: now });
  });
});
