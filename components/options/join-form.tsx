import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../shared/i18n';
import type { FieldError } from '../../shared/schema/field-errors';
import { FieldErrorText } from '../common/field-error-text';
import { useMessages } from '../common/i18n-context';
import { FormField } from '../forms/form-field';
import type { Result } from '../../shared/result';

/** How joining can fail (client/join.ts JoinFailure). */
export type JoinFailureReason = 'badAddress' | 'unreachable' | 'unknownCode' | 'usedCode' | 'expiredCode' | 'revokedCode' | 'server';
export type JoinFormOutcome = Result<{ workspaceName: string }, { reason: JoinFailureReason }>;

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/** Each failure in plain words, at the field a person has to change. */
const FAILURE: Record<JoinFailureReason, { field: 'server' | 'code' | 'form'; key: MessageKey }> = {
  badAddress: { field: 'server', key: 'ui.join.err.badAddress' },
  unreachable: { field: 'server', key: 'ui.join.err.unreachable' },
  unknownCode: { field: 'code', key: 'ui.join.err.unknownCode' },
  usedCode: { field: 'code', key: 'ui.join.err.usedCode' },
  expiredCode: { field: 'code', key: 'ui.join.err.expiredCode' },
  revokedCode: { field: 'code', key: 'ui.join.err.revokedCode' },
  server: { field: 'form', key: 'ui.join.err.server' },
};

const error = (key: MessageKey): FieldError[] => [{ path: '', key, params: {} }];

export interface JoinFormProps {
  /** Prefilled server address (a "rejoin" fills in the workspace's own). */
  initialServerUrl?: string;
  /** Prefilled invite code (opened from an invite link). */
  initialCode?: string;
  onJoin: (serverUrl: string, code: string) => Promise<JoinFormOutcome>;
}

/** Join a workspace: server address and invite code. */
export function JoinForm({ initialServerUrl = DEFAULT_SERVER_URL, initialCode = '', onJoin }: JoinFormProps) {
  const { t } = useMessages();
  const id = useId();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [code, setCode] = useState(initialCode);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<'server' | 'code' | 'form', FieldError[]>>>({});
  const [joined, setJoined] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setJoined(null);
    if (code.trim() === '') {
      setErrors({ code: error('ui.join.err.codeRequired') });
      return;
    }
    setPending(true);
    let outcome: JoinFormOutcome;
    try {
      outcome = await onJoin(serverUrl, code);
    } catch {
      outcome = { ok: false, reason: 'server' };
    }
    setPending(false);
    if (outcome.ok) {
      setErrors({});
      setCode('');
      setJoined(outcome.workspaceName);
    } else {
      const failure = FAILURE[outcome.reason];
      setErrors({ [failure.field]: error(failure.key) });
    }
  };

  return (
    <form className="join-form" onSubmit={(e) => void submit(e)} aria-label={t('ui.join.title')}>
      <h2>{t('ui.join.title')}</h2>
      {initialCode !== '' && joined === null ? <p className="from-link">{t('ui.join.fromLink')}</p> : null}
      <FormField id={`${id}-server`} label={t('ui.join.server')} errors={errors.server}>
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        )}
      </FormField>
      <FormField id={`${id}-code`} label={t('ui.join.code')} errors={errors.code} hint={t('ui.join.codeHint')}>
        {(control) => <input {...control} type="text" autoComplete="off" spellCheck={false} autoFocus value={code} onChange={(e) => setCode(e.target.value)} />}
      </FormField>
      <FieldErrorText id={`${id}-form-error`} errors={errors.form} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t('ui.join.joining') : t('ui.join.submit')}
        </button>
      </div>
      {joined !== null ? (
        <p className="joined" role="status">
          {t('ui.join.joined', { name: joined })}
        </p>
      ) : null}
    </form>
  );
}
