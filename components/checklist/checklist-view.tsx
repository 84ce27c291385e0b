import { useCallback, useState, type ReactNode } from 'react';
import type { ChecklistItem } from '../../shared/calc/checklist';
import { InvalidRecord } from '../common/invalid-record';
import { useMessages } from '../common/i18n-context';
import { groupChecklist, type ChecklistData, type ProjectLine } from '../../client/view-models/checklist/checklist-data';
import type { ChecklistActions } from './checklist-actions';
import { MilestoneRow, type TickedMilestone } from './milestone-row';
import { ProblemRow, RaisedRow } from './problem-row';
import { ProjectRow } from './project-row';
import { ReportRow } from './report-row';
import { TargetRow } from './target-row';

interface Notice {
  text: string;
  undo?: () => void;
}

function Section({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <section className={`section section-${name}`} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/**
 * My checklist: overdue first (red), then due soon, this month's 月报, problems to solve, my targets with lights and
 * 序时 gaps, my projects; records that did not validate are listed with their reason and the rest works.
 */
export function ChecklistView({ data, actions }: { data: ChecklistData; actions: ChecklistActions }) {
  const { t, say: keyText } = useMessages();
  const [notice, setNotice] = useState<Notice | null>(null);
  const sections = groupChecklist(data.items);
  const projects = new Map<string, ProjectLine>(data.projects.map((p) => [p.id, p]));
  const say = useCallback((text: string) => setNotice({ text }), []);

  const onTicked = useCallback(
    (ticked: TickedMilestone) => {
      setNotice({
        text: t('ui.milestone.ticked', { title: ticked.title }),
        undo: () => {
          void Promise.resolve(actions.tickMilestone(ticked.projectId, ticked.milestoneId, false)).then((result) => {
            setNotice(
              result.ok
                ? { text: t('ui.milestone.unticked', { title: ticked.title }) }
                : { text: result.errors[0] ? keyText(result.errors[0].key, result.errors[0].params) : t('ui.err.unknown') },
            );
          });
        },
      });
    },
    [actions, t, keyText],
  );

  const row = (item: ChecklistItem) => {
    const key = `${item.kind}:${item.projectId ?? ''}:${item.recordId}`;
    switch (item.kind) {
      case 'milestone':
        return <MilestoneRow key={key} item={item} asOf={data.asOf} actions={actions} onTicked={onTicked} />;
      case 'report':
        return (
          <ReportRow
            key={key}
            item={item}
            asOf={data.asOf}
            project={item.projectId ? projects.get(item.projectId) : undefined}
            actions={actions}
            onFiled={say}
          />
        );
      case 'problem':
        return <ProblemRow key={key} item={item} asOf={data.asOf} actions={actions} onChanged={say} />;
      case 'target':
        return null;
    }
  };

  const urgent = sections.overdue.length + sections.dueSoon.length + sections.reports.length + sections.problems.length + sections.confirmations.length;
  const raised = data.raised ?? [];
  // closed ones fold away: the reporter follows what is still open
  const raisedOpen = raised.filter((p) => p.status !== 'resolved');
  const raisedClosed = raised.filter((p) => p.status === 'resolved');
  return (
    <div className="checklist">
      {sections.confirmations.length > 0 ? (
        <Section name="confirmations" title={t('ui.section.confirmations')}>
          <ul className="items">{sections.confirmations.map(row)}</ul>
        </Section>
      ) : null}
      {sections.overdue.length > 0 ? (
        <Section name="overdue" title={t('ui.section.overdue')}>
          <ul className="items">{sections.overdue.map(row)}</ul>
        </Section>
      ) : null}
      {sections.dueSoon.length > 0 ? (
        <Section name="due-soon" title={t('ui.section.dueSoon')}>
          <ul className="items">{sections.dueSoon.map(row)}</ul>
        </Section>
      ) : null}
      {sections.reports.length > 0 ? (
        <Section name="reports" title={t('ui.section.reports')}>
          <ul className="items">{sections.reports.map(row)}</ul>
        </Section>
      ) : null}
      {sections.problems.length > 0 ? (
        <Section name="problems" title={t('ui.section.problems')}>
          <ul className="items">{sections.problems.map(row)}</ul>
        </Section>
      ) : null}
      {urgent === 0 ? <p className="empty all-clear">{t('ui.empty.checklist')}</p> : null}

      <Section name="targets" title={t('ui.section.targets')}>
        {data.targets.length > 0 ? (
          <ul className="items">
            {data.targets.map((target) => (
              <TargetRow key={target.targetId} target={target} />
            ))}
          </ul>
        ) : (
          <p className="empty">{t('ui.empty.targets')}</p>
        )}
      </Section>

      <Section name="projects" title={t('ui.section.projects')}>
        {data.projects.length > 0 ? (
          <ul className="items">
            {data.projects.map((project) => (
              <ProjectRow
                key={project.id}
                project={project}
                today={data.asOf}
                stages={data.stages}
                units={data.units}
                {...(data.people ? { people: data.people } : {})}
                actions={actions}
                onChanged={say}
              />
            ))}
          </ul>
        ) : (
          <p className="empty">{t('ui.empty.projects')}</p>
        )}
      </Section>

      {raised.length > 0 ? (
        <Section name="raised" title={t('ui.section.raised')}>
          <ul className="items">
            {raisedOpen.map((p) => (
              <RaisedRow key={`${p.projectId}:${p.recordId}`} problem={p} />
            ))}
          </ul>
          {raisedClosed.length > 0 ? (
            <details className="raised-closed">
              <summary>{t('ui.raised.closed', { count: raisedClosed.length })}</summary>
              <ul className="items">
                {raisedClosed.map((p) => (
                  <RaisedRow key={`${p.projectId}:${p.recordId}`} problem={p} />
                ))}
              </ul>
            </details>
          ) : null}
        </Section>
      ) : null}

      {sections.later.length > 0 ? (
        <details className="section section-later">
          <summary>{t('ui.section.later', { count: sections.later.length })}</summary>
          <ul className="items">{sections.later.map(row)}</ul>
        </details>
      ) : null}

      {data.invalid.length > 0 ? (
        <Section name="invalid" title={t('ui.section.invalid')}>
          {data.invalid.map((line) => (
            <InvalidRecord
              key={line.id}
              where={[line.projectName, t(`ui.invalid.kind.${line.kind}`), line.recordId].filter(Boolean).join(' · ')}
              reasons={line.reasons}
            />
          ))}
        </Section>
      ) : null}

      {notice ? (
        <div className="notice" role="status">
          <span>{notice.text}</span>
          {notice.undo ? (
            <button type="button" className="action" onClick={notice.undo}>
              {t('ui.action.undo')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
