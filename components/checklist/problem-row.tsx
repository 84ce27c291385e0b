import { Suspense, useId, useRef, useState } from 'react';
import type { EscalationLevel } from '../../shared/schema/problem';
import type { ChecklistItem } from '../../shared/calc/checklist';
import { LazyEscalateChoices, LazyProblemNoteForm } from '../forms/lazy-forms';
import { useMessages } from '../common/i18n-context';
import { useSubmit, type SubmitResult } from '../common/use-submit';
import { FieldErrorText } from '../common/field-error-text';
import type { RaisedLine } from '../../client/view-models/checklist/checklist-data';
import type { ChecklistActions } from './checklist-actions';
import { EscalationTag } from './escalation-tag';
import { itemStateText } from './item-state-text';

type OpenForm = 'escalate' | 'progress' | 'request' | 'confirm' | 'return' | null;

/**
 * A problem on my list, with its 交办/提醒/督办 slip. Whoever answers for it: "报进展" and "申请销号" (with evidence); the
 * 项目办 (or 督查) with a request waiting: "确认销号" and "退回"; 项目办 and leaders: "升级". Each opens its second click
 * inline; nobody is offered what the server would refuse.
 */
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
  const writable = projectId !== undefined && actions.canWrite(projectId);
  const level = item.escalation ?? 'assigned';
  const chosen = useRef<EscalationLevel>(level);
  // rows stored before the 销号 loop carry no duty: they were the owner's, who answered for them
  const duty = item.problem?.duty ?? 'responsible';
  const status = item.problem?.status ?? 'open';
  const requested = status === 'closeRequested';
  const close = () => setOpen(null);
  const done = (text: string) => () => {
    setOpen(null);
    onChanged(text);
  };
  return (
    <li
      className={`item item-problem state-${item.state} status-${status}`}
      data-kind="problem"
      data-id={item.recordId}
      data-project={item.projectId}
      data-duty={duty}
    >
      <div className="item-main">
        <span className="kind-tag">{t('checklist.kind.problem')}</span>
        <span className="item-title">{item.title}</span>
        <EscalationTag level={level} />
      </div>
      <div className="item-meta">
        {item.projectName ? <span className="item-project">{item.projectName}</span> : null}
        <span className="item-state">{itemStateText(item, asOf, t)}</span>
        {requested ? <span className="problem-status">{duty === 'confirm' ? t('ui.problem.awaitingConfirm') : t('ui.problem.closeRequested')}</span> : null}
        {status === 'inProgress' ? <span className="problem-status">{t('problemStatus.inProgress')}</span> : null}
        {writable && open === null ? (
          <span className="item-actions">
            {duty === 'responsible' ? (
              <button type="button" className="action" onClick={() => setOpen('progress')}>
                {t('ui.problem.progress')}
              </button>
            ) : null}
            {duty === 'responsible' && !requested ? (
              <button type="button" className="action" onClick={() => setOpen('request')}>
                {t('ui.problem.requestClose')}
              </button>
            ) : null}
            {duty === 'confirm' ? (
              <>
                <button type="button" className="action" onClick={() => setOpen('confirm')}>
                  {t('ui.problem.confirmClose')}
                </button>
                <button type="button" className="action" onClick={() => setOpen('return')}>
                  {t('ui.problem.returnClose')}
                </button>
              </>
            ) : null}
            {actions.canEscalate && level !== 'supervised' ? (
              <button type="button" className="action" onClick={() => setOpen('escalate')}>
                {t('ui.problem.escalate')}
              </button>
            ) : null}
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
            onCancel={close}
            onDone={() => {
              setOpen(null);
              onChanged(t('ui.problem.escalated', { level: t(`escalation.${chosen.current}`) }));
            }}
          />
        </Suspense>
      ) : null}
      {open === 'progress' && projectId ? (
        <Suspense fallback={null}>
          <LazyProblemNoteForm
            kind="progress"
            onSubmit={(note) => actions.reportProblemProgress(projectId, item.recordId, note)}
            onCancel={close}
            onDone={done(t('ui.problem.progressReported'))}
          />
        </Suspense>
      ) : null}
      {open === 'request' && projectId ? (
        <Suspense fallback={null}>
          <LazyProblemNoteForm
            kind="request"
            onSubmit={(evidence) => actions.requestProblemClose(projectId, item.recordId, evidence)}
            onCancel={close}
            onDone={done(t('ui.problem.closeRequested'))}
          />
        </Suspense>
      ) : null}
      {open === 'return' && projectId ? (
        <Suspense fallback={null}>
          <LazyProblemNoteForm
            kind="return"
            onSubmit={(reason) => actions.returnProblemClose(projectId, item.recordId, reason)}
            onCancel={close}
            onDone={done(t('ui.problem.closeReturned'))}
          />
        </Suspense>
      ) : null}
      {open === 'confirm' && projectId ? (
        <ConfirmClose onConfirm={() => actions.confirmProblemClose(projectId, item.recordId)} onCancel={close} onDone={done(t('ui.problem.closeConfirmed'))} />
      ) : null}
    </li>
  );
}

/** A problem I raised: what became of it, who answers for it; read-only (closing it is not the reporter's). */
export function RaisedRow({ problem }: { problem: RaisedLine }) {
  const { t } = useMessages();
  return (
    <li className={`item item-raised status-${problem.status}`} data-kind="raised" data-id={problem.recordId} data-project={problem.projectId}>
      <div className="item-main">
        <span className="kind-tag">{t('checklist.kind.problem')}</span>
        <span className="item-title">{problem.title}</span>
        {problem.status === 'resolved' ? null : <EscalationTag level={problem.escalation} />}
      </div>
      <div className="item-meta">
        <span className="item-project">{problem.projectName}</span>
        <span className="problem-status">{t(`problemStatus.${problem.status}`)}</span>
        <span className="item-responsible">
          {problem.responsibleName ? t('ui.raised.responsible', { name: problem.responsibleName }) : t('ui.raised.noResponsible')}
        </span>
        <span className="item-due">{t('checklist.state.later', { due: problem.deadline })}</span>
      </div>
    </li>
  );
}

/** The second click of 确认销号, with the model's refusal (e.g. one's own request) shown beside it. */
function ConfirmClose({ onConfirm, onCancel, onDone }: { onConfirm: () => Promise<SubmitResult> | SubmitResult; onCancel: () => void; onDone: () => void }) {
  const { t } = useMessages();
  const id = useId();
  const { run, pending, errors } = useSubmit<[]>(onConfirm, onDone);
  return (
    <fieldset className="inline-form confirm-close" aria-label={t('ui.problem.confirmClose')}>
      <div className="form-actions">
        <button type="button" className="primary" disabled={pending} onClick={() => void run()}>
          {t('ui.problem.confirmCloseSure')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
      </div>
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}
