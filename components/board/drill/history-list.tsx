import { isMessageKey, t } from '../../../shared/i18n';
import { formatShanghaiTime } from '../../../shared/format';
import { describeChanges, personName } from '../../../shared/history/describe-entry';
import type { Locale } from '../../../shared/schema/common';
import type { HistoryLine } from '../../../client/view-models/board/history-lines';

/** One user action in one sentence: who, when, and what they did in plain words (names, labels, 万元/亿元). */
export function describeHistoryLine(line: HistoryLine, locale: Locale, names: ReadonlyMap<string, string>): string {
  let what = describeChanges(line.changes, { locale, names });
  if (what === '' && line.action !== null) {
    const key = `activity.${line.action}`;
    what = isMessageKey(key) ? t(locale, key) : '';
  }
  const when =
    line.claimedAt === undefined
      ? formatShanghaiTime(line.at)
      : t(locale, 'board.history.whenClaimed', { received: formatShanghaiTime(line.at), claimed: formatShanghaiTime(line.claimedAt) });
  return t(locale, 'board.history.line', { who: personName(line.by, { locale, names }), when, what });
}

const SHOWN = 100;

/** The project's attributed changes, newest first, one line per action. */
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
