import { isMessageKey, t } from '../../../shared/i18n';
import { formatShanghaiTime } from '../../../shared/format';
import type { Locale } from '../../../shared/schema/common';
import type { HistoryLine } from '../../../client/view-models/board/history-lines';
import { fieldLabel, historyValue, recordLabel } from './history-values';

export function describeHistoryLine(line: HistoryLine, locale: Locale, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (line.action !== null) {
    const key = `activity.${line.action}`;
    parts.push(isMessageKey(key) ? t(locale, key) : line.action);
  }
  const changed = line.field;
  if (changed !== null) {
    const field = fieldLabel(changed, locale);
    const value = (v: unknown): string => historyValue(changed, v, locale, names);
    parts.push(
      line.from === undefined || line.from === null
        ? t(locale, 'board.history.set', { field, to: value(line.to) })
        : t(locale, 'board.history.field', { field, from: value(line.from), to: value(line.to) }),
    );
  }
  const record = line.record && line.record.kind !== 'project' ? `（${recordLabel(line.record, locale)}）` : '';
  const when =
    line.claimedAt === undefined
      ? formatShanghaiTime(line.at)
      : t(locale, 'board.history.whenClaimed', { received: formatShanghaiTime(line.at), claimed: formatShanghaiTime(line.claimedAt) });
  return t(locale, 'board.history.line', { who: names.get(line.by) ?? line.by, when, what: parts.join('，') + record });
}

const SHOWN = 100;

/** The project's attributed changes, newest first. */
export function HistoryList({
  lines,
  offline,
  locale,
  names,
}: {
  lines: readonly HistoryLine[];
  offline: boolean;
  locale: Locale;
  names: ReadonlyMap<string, string>;
}) {
  return (
    <section className="drill-history" aria-labelledby="drill-history">
      <h3 id="drill-history">
        {t(locale, 'board.drill.history')} {offline ? <span className="muted">{t(locale, 'board.drill.historyOffline')}</span> : null}
      </h3>
      {lines.length === 0 ? (
        <p className="muted">{t(locale, 'board.drill.historyEmpty')}</p>
      ) : (
        <ol className="history-lines">
          {lines.slice(0, SHOWN).map((line, i) => (
            <li key={i}>{describeHistoryLine(line, locale, names)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
