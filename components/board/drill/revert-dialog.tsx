/**
 * The 项目办's undo in the project drill (issue #13 "restorable"): "撤销某人的修改" (a member and a time window, this
 * project or the whole workspace) or "恢复到某一时刻" (a time). 预览 lists in plain words what will change, what is
 * left alone (conflicts) and what is kept (月报); 确认执行 applies exactly that plan, or shows the new one when
 * something changed in between. Times are typed in Asia/Shanghai.
 */
import { useState } from 'react';
import { t } from '../../../shared/i18n';
import type { Locale } from '../../../shared/schema/common';
import { previewView, type PreviewView, type RevertApi, type RevertAsk, type RevertPreview } from '../../../client/view-models/board/revert-preview';

export type RevertMode = 'member' | 'at';

export interface RevertDialogProps {
  mode: RevertMode;
  projectId: string;
  locale: Locale;
  /** Members (and units) by id: the member picker and every name in the preview. */
  members: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
  api: RevertApi;
  onClose(): void;
}

/** "2026-11-02T08:00" typed in a datetime-local field, as Asia/Shanghai time; null when empty or malformed. */
export function shanghaiInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00+08:00`);
  return Number.isFinite(ms) ? ms : null;
}

type Phase =
  | { step: 'form'; message: string | null }
  | { step: 'working' }
  | { step: 'preview'; ask: RevertAsk; preview: RevertPreview; view: PreviewView; message: string | null }
  | { step: 'done'; text: string };

export function RevertDialog(props: RevertDialogProps) {
  const { locale, mode } = props;
  const [member, setMember] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [at, setAt] = useState('');
  const [wholeWorkspace, setWholeWorkspace] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'form', message: null });
  const ctx = { locale, names: props.names };

  function ask(): RevertAsk | null {
    if (mode === 'at') {
      const when = shanghaiInput(at);
      return when === null ? null : { kind: 'at', projectId: props.projectId, at: when };
    }
    const start = shanghaiInput(from);
    const end = shanghaiInput(to);
    if (member === '' || start === null || end === null || start > end) return null;
    return { kind: 'member', member, from: start, to: end, projectId: wholeWorkspace ? null : props.projectId };
  }

  const showPreview = (asked: RevertAsk, preview: RevertPreview, message: string | null): void =>
    setPhase({ step: 'preview', ask: asked, preview, view: previewView(preview, asked, ctx), message });

  async function onPreview(): Promise<void> {
    const asked = ask();
    if (asked === null) return setPhase({ step: 'form', message: t(locale, mode === 'at' ? 'restore.ui.badAt' : 'restore.ui.badInput') });
    setPhase({ step: 'working' });
    const answer = await props.api.preview(asked);
    if (answer.ok) showPreview(asked, answer.preview, null);
    else setPhase({ step: 'form', message: answer.message ?? t(locale, 'restore.ui.offline') });
  }

  async function onConfirm(asked: RevertAsk, preview: RevertPreview): Promise<void> {
    setPhase({ step: 'working' });
    const applied = await props.api.apply(asked, preview.plan);
    if (applied.ok) {
      const text = t(locale, 'restore.ui.done', { projects: applied.written, fields: applied.restored, archives: applied.archived });
      return setPhase({ step: 'done', text });
    }
    const message = applied.message ?? t(locale, 'restore.ui.offline');
    // the plan changed since the preview: the new one, to be confirmed again
    if (applied.preview) showPreview(asked, applied.preview, message);
    else showPreview(asked, preview, t(locale, 'restore.ui.failed', { message }));
  }

  const title = t(locale, mode === 'at' ? 'restore.ui.openRestore' : 'restore.ui.openRevert');
  return (
    <section className="revert-dialog" role="dialog" aria-label={title}>
      <h3>{title}</h3>
      {phase.step === 'form' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void onPreview();
          }}
        >
          {mode === 'member' ? (
            <>
              <label>
                {t(locale, 'restore.ui.member')}
                <select value={member} onChange={(e) => setMember(e.target.value)}>
                  <option value="" />
                  {[...props.members].map(([id, name]) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t(locale, 'restore.ui.from')}
                <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                {t(locale, 'restore.ui.to')}
                <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
              <label>
                <input type="checkbox" checked={wholeWorkspace} onChange={(e) => setWholeWorkspace(e.target.checked)} />
                {t(locale, 'restore.ui.wholeWorkspace')}
              </label>
            </>
          ) : (
            <label>
              {t(locale, 'restore.ui.at')}
              <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
            </label>
          )}
          {phase.message ? <p role="alert">{phase.message}</p> : null}
          <button type="submit">{t(locale, 'restore.ui.preview')}</button>
          <button type="button" onClick={props.onClose}>
            {t(locale, 'restore.ui.cancel')}
          </button>
        </form>
      ) : null}
      {phase.step === 'working' ? <p className="muted">{t(locale, 'restore.ui.working')}</p> : null}
      {phase.step === 'preview' ? (
        <>
          {phase.message ? <p role="alert">{phase.message}</p> : null}
          <p>{phase.view.header}</p>
          {phase.view.projects.map((project) => (
            <div key={project.projectId} data-project={project.projectId}>
              <h4>{project.title}</h4>
              <ul>
                {project.lines.map((line, i) => (
                  // the same text may come twice (two fields alike): the position tells them apart
                  <li key={i} data-kind={line.kind}>
                    {line.text}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {phase.view.empty ? <p className="muted">{t(locale, 'restore.ui.nothing')}</p> : null}
          {phase.view.empty ? null : (
            <button type="button" onClick={() => void onConfirm(phase.ask, phase.preview)}>
              {t(locale, 'restore.ui.confirm')}
            </button>
          )}
          <button type="button" onClick={props.onClose}>
            {t(locale, 'restore.ui.cancel')}
          </button>
        </>
      ) : null}
      {phase.step === 'done' ? (
        <>
          <p role="status">{phase.text}</p>
          <button type="button" onClick={props.onClose}>
            {t(locale, 'restore.ui.close')}
          </button>
        </>
      ) : null}
    </section>
  );
}
