import { formatShanghaiTime, isMessageKey, t, type MessageKey } from '../../../shared/i18n';
import type { Locale } from '../../../shared/schema';
import type { HistoryLine } from './history';

/** Field names people read, for the fields a history mentions most; others show as stored. */
const FIELD_LABELS: Record<string, MessageKey> = {
  code: 'board.field.code',
  category: 'board.field.category',
  kind: 'board.field.kind',
  source: 'board.field.source',
  keyLevel: 'board.field.keyLevel',
  unitId: 'board.field.unit',
  leaderId: 'board.field.leader',
  ownerId: 'board.field.owner',
  totalInvestmentWan: 'board.field.total',
  annualPlanWan: 'board.field.annualPlan',
  stage: 'board.field.stage',
  plannedStart: 'board.field.plannedStart',
  plannedCompletion: 'board.field.plannedCompletion',
  progressNote: 'board.field.progress',
  plan: 'board.field.plan',
};

function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export function describeHistoryLine(line: HistoryLine, locale: Locale, names: ReadonlyMap<string, string>): string {
  const field = line.field === null ? null : FIELD_LABELS[line.field] ? t(locale, FIELD_LABELS[line.field]!) : line.field;
  const parts: string[] = [];
  if (line.action !== null) {
    const key = `activity.${line.action}`;
    parts.push(isMessageKey(key) ? t(locale, key) : line.action);
  }
  if (field !== null) {
    parts.push(
      line.from === undefined || line.from === null
        ? t(locale, 'board.history.set', { field, to: shown(line.to) })
        : t(locale, 'board.history.field', { field, from: shown(line.from), to: shown(line.to) }),
    );
  }
  const record = line.record && line.record.kind !== 'project' ? ` [${line.record.kind} ${line.record.id}]` : '';
  return t(locale, 'board.history.line', { who: names.get(line.by) ?? line.by, when: formatShanghaiTime(line.at), what: parts.join('，') + record });
}

const SHOWN = 100;

/** The project's attributed changes, newest first. */
export function HistoryList({ lines, offline, locale, names }: { lines: readonly HistoryLine[]; offline: boolean; locale: Locale; names: ReadonlyMap<string, string> }) {
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
