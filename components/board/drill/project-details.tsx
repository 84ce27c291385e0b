import { useId, useState } from 'react';
import { LocaleProvider } from '../../common/i18n-context';
import { pageMessages } from '../../../shared/i18n/extension-pages';
import type { SubmitResult } from '../../common/use-submit';
import { ReportForm, type ReportFormInput } from '../../forms/report-form';
import { describeFieldErrors, t } from '../../../shared/i18n';
import { formatMoneyWan, formatShanghaiTime } from '../../../shared/format';
import type { MonthlyReport } from '../../../shared/schema/monthly-report';
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
  /** 更正 and 补报 of the project's 月报, offered when the member may edit the project. */
  reportEdit?: ReportEdit;
  /** Whether a red (督办) slip may go back to yellow now (its condition met); with `onLower`, 项目办 and leaders only. */
  mayLower?: (problemId: string) => boolean;
  onLower?: (problemId: string) => void;
  /** Refusals of the last edit, by problem id, shown at the problem. */
  errors: ReadonlyMap<string, FieldError[]>;
}

/** What the drill needs to correct a filed month or back-file a missing one. */
export interface ReportEdit {
  /** Files the month's report through the model, attributed to the signed-in member. */
  onFile: (input: ReportFormInput) => Promise<SubmitResult> | SubmitResult;
  /** True when the month's window has closed for this member: the filing waits for the 项目办's approval. */
  needsApproval: (month: string) => boolean;
  /** Months of the year without a report, up to the month being chased (to back-file, 补报). */
  missingMonths: readonly string[];
}

/** The 月报 form inside the drill (the board has no page-wide LocaleProvider): correcting `filed`, or back-filing. */
function DrillReportForm({
  edit,
  month,
  filed,
  projectName,
  locale,
  onClose,
}: {
  edit: ReportEdit;
  month: string;
  filed: MonthlyReport | null;
  projectName: string;
  locale: Locale;
  onClose: () => void;
}) {
  return (
    <LocaleProvider locale={locale} messages={pageMessages}>
      <ReportForm
        projectName={projectName}
        month={month}
        filed={filed ? { completedWan: filed.completedWan, progress: filed.progress, issues: filed.issues } : null}
        needsApproval={edit.needsApproval(month)}
        onSubmit={edit.onFile}
        onCancel={onClose}
        onDone={onClose}
      />
    </LocaleProvider>
  );
}

/** 补报: choose a missing month and file it. */
function BackfillControl({ edit, projectName, locale }: { edit: ReportEdit; projectName: string; locale: Locale }) {
  const id = useId();
  const [month, setMonth] = useState(edit.missingMonths[0] ?? '');
  const [open, setOpen] = useState(false);
  if (edit.missingMonths.length === 0) return null;
  const chosen = edit.missingMonths.includes(month) ? month : (edit.missingMonths[0] ?? '');
  return (
    <div className="drill-backfill">
      <label htmlFor={`${id}-month`}>{t(locale, 'board.drill.backfillMonth')}</label>
      <select id={`${id}-month`} value={chosen} onChange={(e) => setMonth(e.target.value)} disabled={open}>
        {edit.missingMonths.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      {open ? (
        <DrillReportForm edit={edit} month={chosen} filed={null} projectName={projectName} locale={locale} onClose={() => setOpen(false)} />
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t(locale, 'board.drill.backfill')}
        </button>
      )}
    </div>
  );
}

const NEXT_LEVEL: Record<EscalationLevel, EscalationLevel | null> = { assigned: 'reminded', reminded: 'supervised', supervised: null };

function Invalid({ read, locale }: { read: RecordRead<unknown>; locale: Locale }) {
  if (read.ok) return null;
  return <li className="invalid-record">{t(locale, 'board.invalidRecord', { reason: describeFieldErrors(read.reasons, locale).join('；') })}</li>;
}

/**
 * 已更正: who corrected the month's 月报 when, and what it said before (each earlier version, newest first), so the
 * board shows a correction and keeps the old figures readable. Nothing for a report never corrected.
 */
function CorrectionNote({ report, locale, nameOf }: { report: MonthlyReport; locale: Locale; nameOf: (id: string | null) => string }) {
  const earlier = report.revisions ?? [];
  if (earlier.length === 0) return null;
  return (
    <div className="report-corrected" data-corrected={report.month}>
      <strong>{t(locale, 'board.report.corrected', { name: nameOf(report.filed.by), time: formatShanghaiTime(report.filed.at) })}</strong>
      <ul>
        {[...earlier].reverse().map((v) => (
          <li key={`${v.filed.by}-${v.filed.at}`}>
            {t(locale, 'board.report.earlier', {
              completed: formatMoneyWan(v.completedWan, locale),
              cumulative: formatMoneyWan(v.cumulativeWan, locale),
              name: nameOf(v.filed.by),
              time: formatShanghaiTime(v.filed.at),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A project document read through the model: fields, milestones, problems, reports; invalid records named, not hidden. */
export function ProjectDetails({ read, locale, names, unitNames, onEscalate, reportEdit, mayLower, onLower, errors }: Props) {
  const [correcting, setCorrecting] = useState<string | null>(null);
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
        {reportEdit ? <BackfillControl edit={reportEdit} projectName={p.ok ? p.value.name : ''} locale={locale} /> : null}
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
                {r.value.issues.trim() ? <div className="report-issues">{t(locale, 'board.report.issues', { text: r.value.issues })}</div> : null}
                <CorrectionNote report={r.value} locale={locale} nameOf={nameOf} />
                {reportEdit && correcting !== r.value.month ? (
                  <button type="button" className="link-button" onClick={() => setCorrecting(r.value.month)}>
                    {t(locale, 'board.drill.correct', { month: r.value.month })}
                  </button>
                ) : null}
                {reportEdit && correcting === r.value.month ? (
                  <DrillReportForm
                    edit={reportEdit}
                    month={r.value.month}
                    filed={r.value}
                    projectName={p.ok ? p.value.name : ''}
                    locale={locale}
                    onClose={() => setCorrecting(null)}
                  />
                ) : null}
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
