import { Suspense, useRef, useState } from 'react';
import type { EscalationLevel } from '../../shared/schema/problem';
import type { ChecklistItem } from '../../shared/calc/checklist';
import { LazyEscalateChoices, LazyResolveForm } from '../forms/lazy-forms';
import { useMessages } from '../common/i18n-context';
import type { ChecklistActions } from './checklist-actions';
import { EscalationTag } from './escalation-tag';
import { itemStateText } from './item-state-text';

type OpenForm = 'escalate' | 'resolve' | null;

/** A problem I must solve, with its 交办/提醒/督办 level: "升级" and "销号" each open their second click inline. */
export function ProblemRow({
  item,
  asOf,
  actions,
  onChanged,
}: {
  item: ChecklistItem;
  asOf: string;
  actions: ChecklistActions;
  onChanged: (text: string) => void;
}) {
  const { t } = useMessages();
  const [open, setOpen] = useState<OpenForm>(null);
  const projectId = item.projectId;
  const editable = projectId !== undefined && actions.canEdit(projectId);
  const level = item.escalation ?? 'assigned';
  const chosen = useRef<EscalationLevel>(level);
  return (
    <li className={`item item-problem state-${item.state}`} data-kind="problem" data-id={item.recordId} data-project={item.projectId}>
      <div className="item-main">
        <span className="kind-tag">{t('checklist.kind.problem')}</span>
        <span className="item-title">{item.title}</span>
        <EscalationTag level={level} />
      </div>
      <div className="item-meta">
        {item.projectName ? <span className="item-project">{item.projectName}</span> : null}
        <span className="item-state">{itemStateText(item, asOf, t)}</span>
        {editable && open === null ? (
          <span className="item-actions">
            {level !== 'supervised' ? (
              <button type="button" className="action" onClick={() => setOpen('escalate')}>
                {t('ui.problem.escalate')}
              </button>
            ) : null}
            <button type="button" className="action" onClick={() => setOpen('resolve')}>
              {t('ui.problem.resolve')}
            </button>
          </span>
        ) : null}
      </div>
      {open === 'escalate' && projectId ? (
        <Suspense fallback={null}>
          <LazyEscalateChoices
            current={level}
            onSubmit={(to) => {
              chosen.current = to;
              return actions.escalateProblem(projectId, item.recordId, to);
            }}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onChanged(t('ui.problem.escalated', { level: t(`escalation.${chosen.current}`) }));
            }}
          />
        </Suspense>
      ) : null}
      {open === 'resolve' && projectId ? (
        <Suspense fallback={null}>
          <LazyResolveForm
            onSubmit={(evidence) => actions.resolveProblem(projectId, item.recordId, evidence)}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onChanged(t('ui.problem.resolved'));
            }}
          />
        </Suspense>
      ) : null}
    </li>
  );
}
