import { Suspense, useState } from 'react';
import type { ChecklistItem } from '../../shared/calc/checklist';
import { formatShanghaiTime } from '../../shared/format';
import { useMessages } from '../common/i18n-context';
import { LazyReportForm } from '../forms/lazy-forms';
import type { ProjectLine } from '../../client/view-models/checklist/checklist-data';
import type { ChecklistActions } from './checklist-actions';
import { itemStateText } from './item-state-text';

/** The cumulative the new report builds on: the last one reported earlier in the same year, else 0 from January. */
function previousCumulative(project: ProjectLine | undefined, month: string): number | null {
  if (!project || project.cumulativeWan === undefined || project.lastReportMonth === undefined) return null;
  const last = project.lastReportMonth;
  if (last === null || last.slice(0, 4) !== month.slice(0, 4)) return 0;
  return last < month ? project.cumulativeWan : null;
}

/**
 * A 月报 not filed (this month's, or a missing earlier month to back-file): "填报" opens the form inline with the figure
 * field focused; past the month's window it says the filing waits for the 项目办's approval.
 */
export function ReportRow({
  item,
  asOf,
  project,
  actions,
  onFiled,
}: {
  item: ChecklistItem;
  asOf: string;
  project: ProjectLine | undefined;
  actions: ChecklistActions;
  onFiled: (text: string) => void;
}) {
  const { t } = useMessages();
  const [open, setOpen] = useState(false);
  const projectId = item.projectId;
  const month = item.month;
  const editable = projectId !== undefined && month !== undefined && actions.canEdit(projectId);
  const projectName = item.projectName ?? item.title;
  return (
    <li className={`item item-report state-${item.state}`} data-kind="report" data-id={item.recordId}>
      <div className="item-main">
        <span className="kind-tag">{t('checklist.kind.report')}</span>
        <span className="item-title">{projectName}</span>
        {editable && !open ? (
          <button type="button" className="action" onClick={() => setOpen(true)}>
            {t('ui.report.file')}
          </button>
        ) : null}
      </div>
      <div className="item-meta">
        {/* an unfiled month's state already names it; an overdue one (this month's or one to back-file) does not */}
        {month && item.state === 'overdue' ? <span className="report-month">{t('ui.report.month', { month })}</span> : null}
        <span className="item-state">{itemStateText(item, asOf, t)}</span>
        {item.needsApproval ? <span className="needs-approval">{t('ui.report.pendingApproval')}</span> : null}
      </div>
      {item.reminded && month ? (
        <p className="reminder" role="note">
          {t('ui.reminder.banner', { month, at: formatShanghaiTime(item.reminded.at) })}
        </p>
      ) : null}
      {open && projectId && month ? (
        <Suspense fallback={null}>
          <LazyReportForm
            projectName={projectName}
            month={month}
            previousCumulativeWan={previousCumulative(project, month)}
            needsApproval={item.needsApproval === true}
            onSubmit={(input) => actions.fileReport(projectId, input)}
            onCancel={() => setOpen(false)}
            onDone={() => {
              setOpen(false);
              onFiled(t('ui.report.filed', { project: projectName, month }));
            }}
          />
        </Suspense>
      ) : null}
    </li>
  );
}
