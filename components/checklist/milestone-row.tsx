import { useState } from 'react';
import type { ChecklistItem } from '../../shared/calc/checklist';
import type { FieldError } from '../../shared/schema/field-errors';
import { FieldErrorText } from '../common/field-error-text';
import { useMessages } from '../common/i18n-context';
import { EscalationTag } from './escalation-tag';
import { itemStateText } from './item-state-text';
import type { ChecklistActions } from './checklist-actions';
import type { SubmitResult } from '../common/use-submit';

export interface TickedMilestone {
  projectId: string;
  milestoneId: string;
  title: string;
}

/** A milestone of 倒排工期: one click on the box ticks it (the page offers undo). */
export function MilestoneRow({
  item,
  asOf,
  actions,
  onTicked,
}: {
  item: ChecklistItem;
  asOf: string;
  actions: ChecklistActions;
  onTicked: (ticked: TickedMilestone) => void;
}) {
  const { t } = useMessages();
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const projectId = item.projectId;
  const editable = projectId !== undefined && actions.canEdit(projectId);
  const errorId = `ms-${item.projectId ?? ''}-${item.recordId}-error`;

  const tick = async () => {
    if (!projectId || done) return;
    setDone(true);
    let result: SubmitResult;
    try {
      result = await actions.tickMilestone(projectId, item.recordId, true);
    } catch {
      result = { ok: false, errors: [{ path: '', key: 'ui.err.unknown', params: {} }] };
    }
    if (result.ok) {
      setErrors([]);
      onTicked({ projectId, milestoneId: item.recordId, title: item.title });
    } else {
      setDone(false);
      setErrors(result.errors);
    }
  };

  return (
    <li className={`item item-milestone state-${item.state}${done ? ' done' : ''}`} data-kind="milestone" data-id={item.recordId} data-project={item.projectId}>
      <div className="item-main">
        {editable ? (
          <input
            type="checkbox"
            className="tick"
            checked={done}
            onChange={() => void tick()}
            aria-label={t('ui.milestone.tick', { title: item.title })}
            aria-describedby={errors.length ? errorId : undefined}
          />
        ) : (
          <span className="tick-placeholder" aria-hidden="true">
            ○
          </span>
        )}
        <span className="item-title">{item.title}</span>
        {item.escalation && item.escalation !== 'assigned' ? <EscalationTag level={item.escalation} /> : null}
      </div>
      <div className="item-meta">
        {item.projectName ? <span className="item-project">{item.projectName}</span> : null}
        <span className="item-state">{itemStateText(item, asOf, t)}</span>
      </div>
      <FieldErrorText id={errorId} errors={errors} />
    </li>
  );
}
