import { describeFieldErrors, t } from '../../../shared/i18n';
import { formatMoneyWan } from '../../../shared/format';
import type { FieldError } from '../../../shared/schema/field-errors';
import { reportSeriesProblems } from '../../../shared/model/report-series';
import type { ProjectRead } from '../../../shared/model/project-read';
import type { RecordRead } from '../../../shared/model/result';
import type { EscalationLevel } from '../../../shared/schema/problem';
import type { Locale } from '../../../shared/schema/common';
import { shanghaiDate } from '../../../shared/format';

interface Props {
  read: ProjectRead;
  locale: Locale;
  names: ReadonlyMap<string, string>;
  unitNames: ReadonlyMap<string, string>;
  /** Present only when the server would accept this person's edits to the project. */
  onEscalate?: (problemId: string, level: EscalationLevel) => void;
  /** Whether a red (督办) slip may go back to yellow now (its condition met); with `onLower`, 项目办 and leaders only. */
  mayLower?: (problemId: string) => boolean;
  onLower?: (problemId: string) => void;
  /** Refusals of the last edit, by problem id, shown at the problem. */
  errors: ReadonlyMap<string, FieldError[]>;
}

const NEXT_LEVEL: Record<EscalationLevel, EscalationLevel | null> = { assigned: 'reminded', reminded: 'supervised', supervised: null };

function Invalid({ read, locale }: { read: RecordRead<unknown>; locale: Locale }) {
  if (read.ok) return null;
  return <li className="invalid-record">{t(locale, 'board.invalidRecord', { reason: describeFieldErrors(read.reasons, locale).join('；') })}</li>;
}

/** A project document read through the model: fields, milestones, problems, reports; invalid records named, not hidden. */
export function ProjectDetails({ read, locale, names, unitNames, onEscalate, mayLower, onLower, errors }: Props) {
  const nameOf = (id: string | null): string => (id === null ? '' : (names.get(id) ?? id));
  const unitOf = (id: string | null): string => (id === null ? '' : (unitNames.get(id) ?? id));
  const p = read.project;
  return (
    <div className="drill-details">
      <section aria-labelledby="drill-fields">
        <h3 id="drill-fields">{t(locale, 'board.drill.fields')}</h3>
        {p.ok ? (
          <dl className="drill-fields">
            <dt>{t(locale, 'board.field.code')}</dt>
            <dd>{p.value.code}</dd>
            <dt>{t(locale, 'board.field.category')}</dt>
            <dd>{t(locale, `category.${p.value.category}`)}</dd>
            <dt>{t(locale, 'board.field.kind')}</dt>
            <dd>{t(locale, `kind.${p.value.kind}`)}</dd>
            <dt>{t(locale, 'board.field.source')}</dt>
            <dd>{t(locale, `source.${p.value.source}`)}</dd>
            <dt>{t(locale, 'board.field.keyLevel')}</dt>
            <dd>{t(locale, `keyLevel.${p.value.keyLevel}`)}</dd>
            <dt>{t(locale, 'board.field.unit')}</dt>
            <dd>{unitOf(p.value.unitId)}</dd>
            <dt>{t(locale, 'board.field.leader')}</dt>
            <dd>{nameOf(p.value.leaderId)}</dd>
            <dt>{t(locale, 'board.field.owner')}</dt>
            <dd>{nameOf(p.value.ownerId)}</dd>
            <dt>{t(locale, 'board.field.total')}</dt>
            <dd>{formatMoneyWan(p.value.totalInvestmentWan, locale)}</dd>
            <dt>{t(locale, 'board.field.annualPlan')}</dt>
            <dd>{formatMoneyWan(p.value.annualPlanWan, locale)}</dd>
            <dt>{t(locale, 'board.field.stage')}</dt>
            <dd data-field="stage">
              {t(locale, `stage.${p.value.stage}`)} {p.value.stageDates[p.value.stage] ?? ''}
            </dd>
            <dt>{t(locale, 'board.field.plannedStart')}</dt>
            <dd>{p.value.plannedStart ?? ''}</dd>
            <dt>{t(locale, 'board.field.plannedCompletion')}</dt>
            <dd>{p.value.plannedCompletion ?? ''}</dd>
            <dt>{t(locale, 'board.field.progress')}</dt>
            <dd>{p.value.progressNote}</dd>
          </dl>
        ) : (
          <ul>
            <Invalid read={p} locale={locale} />
          </ul>
        )}
      </section>

      <section aria-labelledby="drill-milestones">
        <h3 id="drill-milestones">{t(locale, 'board.drill.milestones')}</h3>
        <ul className="drill-list">
          {read.milestones.map((m, i) =>
            m.ok ? (
              m.value.archived ? null : (
                <li key={m.value.id} data-milestone={m.value.id}>
                  {m.value.title} · {m.value.dueDate} ·{' '}
                  {m.value.done ? t(locale, 'board.drill.done', { date: shanghaiDate(m.value.done.at) }) : t(locale, 'board.drill.open.state')}
                </li>
              )
            ) : (
              <Invalid key={`invalid-${i}`} read={m} locale={locale} />
            ),
          )}
        </ul>
      </section>

      <section aria-labelledby="drill-problems">
        <h3 id="drill-problems">{t(locale, 'board.drill.problems')}</h3>
        <ul className="drill-list">
          {read.problems.map((r, i) => {
            if (!r.ok) return <Invalid key={`invalid-${i}`} read={r} locale={locale} />;
            const problem = r.value;
            if (problem.archived) return null;
            const next = NEXT_LEVEL[problem.escalation];
            const refused = errors.get(problem.id);
            return (
              <li key={problem.id} data-problem={problem.id}>
                {problem.description} · {t(locale, `problemStatus.${problem.status}`)} · {t(locale, `escalation.${problem.escalation}`)} · {problem.deadline}
                {problem.ownerId ? <> · {t(locale, 'board.drill.problemOwner', { name: nameOf(problem.ownerId) })}</> : null}
                {problem.progress ? (
                  <div className="problem-progress">
                    {t(locale, 'board.drill.problemProgress', { date: shanghaiDate(problem.progress.at), note: problem.progress.note })}
                  </div>
                ) : null}
                {problem.request ? (
                  <div className="problem-request">
                    {t(locale, 'board.drill.problemRequest', {
                      name: nameOf(problem.request.by),
                      date: shanghaiDate(problem.request.at),
                      evidence: problem.request.evidence,
                    })}
                  </div>
                ) : null}
                {problem.resolution && problem.status === 'resolved' ? (
                  <div className="problem-resolution">
                    {t(locale, 'board.drill.problemResolved', { name: nameOf(problem.resolution.by), date: shanghaiDate(problem.resolution.at) })}
                  </div>
                ) : null}
                {onEscalate && next && problem.status !== 'resolved' ? (
                  <button type="button" onClick={() => onEscalate(problem.id, next)}>
                    {t(locale, 'board.drill.escalate', { level: t(locale, `escalation.${next}`) })}
                  </button>
                ) : null}
                {onLower && mayLower?.(problem.id) ? (
                  <button type="button" onClick={() => onLower(problem.id)}>
                    {t(locale, 'board.drill.lower')}
                  </button>
                ) : null}
                {refused ? (
                  <span role="alert" className="error">
                    {describeFieldErrors(refused, locale).join('；')}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="drill-reports">
        <h3 id="drill-reports">{t(locale, 'board.drill.reports')}</h3>
        {reportSeriesProblems(read.reports).map((e) => (
          <p key={e.path} className="invalid-record" role="alert">
            {t(locale, 'board.drill.reportSeries', { problem: `${e.path.split('.')[0] ?? ''}：${t(locale, e.key, e.params)}` })}
          </p>
        ))}
        <ul className="drill-list">
          {read.reports.map((r, i) =>
            r.ok ? (
              <li key={r.value.month} data-report={r.value.month}>
                {t(locale, 'board.report.line', {
                  month: r.value.month,
                  completed: formatMoneyWan(r.value.completedWan, locale),
                  cumulative: formatMoneyWan(r.value.cumulativeWan, locale),
                })}
                {r.value.progress ? ` — ${r.value.progress}` : ''}
              </li>
            ) : (
              <Invalid key={`invalid-${i}`} read={r} locale={locale} />
            ),
          )}
        </ul>
      </section>
    </div>
  );
}
