import { Suspense, useRef, useState } from 'react';
import type { Stage } from '../../shared/schema/stage';
import { LightDot } from '../common/light-dot';
import { useMessages } from '../common/i18n-context';
import { LazyProblemForm, LazyReportForm, LazyStageForm } from '../forms/lazy-forms';
import type { ProjectLine } from '../../client/view-models/checklist/checklist-data';
import type { ChecklistActions, LoadedReport } from './checklist-actions';
import { paceGapWords } from './pace-gap';

type OpenForm = 'stage' | 'problem' | 'correct' | null;

/** One of my projects: stage, light and 序时 gap; "调整阶段", "报问题" and "更正月报" (the last month filed) each open inline. */
export function ProjectRow({
  project,
  today,
  stages,
  units,
  people,
  actions,
  onChanged,
}: {
  project: ProjectLine;
  today: string;
  stages: readonly Stage[] | undefined;
  units: ReadonlyArray<{ id: string; name: string; headId?: string | null }>;
  people?: ReadonlyArray<{ id: string; name: string; unitId: string | null }>;
  actions: ChecklistActions;
  onChanged: (text: string) => void;
}) {
  const { t } = useMessages();
  const [open, setOpen] = useState<OpenForm>(null);
  const editable = actions.canEdit(project.id);
  const movedTo = (stage: Stage) => t('ui.stage.moved', { project: project.name, stage: t(`stage.${stage}`) });
  const movedStage = useRef<Stage>(project.stage);
  const [loaded, setLoaded] = useState<LoadedReport | null>(null);
  const lastMonth = project.lastReportMonth ?? null;
  const loadReport = actions.loadReport;
  const correct =
    loadReport && lastMonth
      ? () => {
          void loadReport(project.id, lastMonth).then((report) => {
            if (!report) return;
            setLoaded(report);
            setOpen('correct');
          });
        }
      : undefined;
  return (
    <li className="project" data-id={project.id}>
      <div className="item-main">
        {project.light ? <LightDot light={project.light} /> : null}
        <span className="item-title">{project.name}</span>
        <span className="stage-tag">{t(`stage.${project.stage}`)}</span>
      </div>
      <div className="item-meta">
        {project.gapPoints !== undefined ? (
          <span className={project.gapPoints < 0 ? 'gap behind' : 'gap ahead'}>{paceGapWords(t, project.gapPoints)}</span>
        ) : null}
        {editable && open === null ? (
          <span className="item-actions">
            <button type="button" className="action" onClick={() => setOpen('stage')}>
              {t('ui.stage.move')}
            </button>
            <button type="button" className="action" onClick={() => setOpen('problem')}>
              {t('ui.problem.add')}
            </button>
            {correct && lastMonth ? (
              <button type="button" className="action" onClick={correct}>
                {t('ui.report.correctLast', { month: lastMonth })}
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      {open === 'stage' ? (
        <Suspense fallback={null}>
          <LazyStageForm
            current={project.stage}
            {...(stages ? { stages } : {})}
            today={today}
            onSubmit={(stage, date) => {
              movedStage.current = stage;
              return actions.moveStage(project.id, stage, date);
            }}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onChanged(movedTo(movedStage.current));
            }}
          />
        </Suspense>
      ) : null}
      {open === 'correct' && loaded && lastMonth ? (
        <Suspense fallback={null}>
          <LazyReportForm
            projectName={project.name}
            month={lastMonth}
            filed={loaded.filed}
            needsApproval={loaded.needsApproval}
            onSubmit={(input) => actions.fileReport(project.id, input)}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onChanged(t('ui.report.corrected', { project: project.name, month: lastMonth }));
            }}
          />
        </Suspense>
      ) : null}
      {open === 'problem' ? (
        <Suspense fallback={null}>
          <LazyProblemForm
            units={units}
            {...(people ? { people } : {})}
            today={today}
            onSubmit={(input) => actions.addProblem(project.id, input)}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onChanged(t('ui.problem.added'));
            }}
          />
        </Suspense>
      ) : null}
    </li>
  );
}
