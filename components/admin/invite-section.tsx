import { useCallback, useEffect, useState } from 'react';
import type { FormFieldSpec, FormValues, Label } from '../../client/view-models/admin/form-fields';
import type { Role } from '../../shared/schema/member';
import type { FieldError } from '../../shared/schema/field-errors';
import type { Result } from '../../shared/result';
import { useAdminMessages } from './admin-messages';
import { RecordForm } from './record-form';

export interface OpenInviteView {
  id: string;
  who: Label;
  role: Role;
  /** 有效期至, as people read it (Asia/Shanghai). */
  expires: string;
}

export interface CreatedInviteView {
  code: string;
  link: string;
  /** The link as a QR code (an SVG data URL). */
  qrDataUrl: string;
  name: string;
  expires: string;
}

export interface InviteActions {
  list(): Promise<Result<{ invites: OpenInviteView[] }, { problem: Label }>>;
  create(values: FormValues): Promise<Result<{ created: CreatedInviteView }, { errors: FieldError[] }>>;
  revoke(id: string): Promise<Result<object, { problem: Label }>>;
  copy?(text: string): Promise<void>;
}

export interface InviteSectionProps {
  readOnly: boolean;
  fields: readonly FormFieldSpec[];
  initial: FormValues;
  actions: InviteActions;
}

/** Invite codes: create one (code, link, QR code), list the unused ones, revoke. Needs the server; says so when offline. */
export function InviteSection({ readOnly, fields, initial, actions }: InviteSectionProps) {
  const { t, label } = useAdminMessages();
  const [invites, setInvites] = useState<OpenInviteView[] | null>(null);
  const [problem, setProblem] = useState<Label | null>(null);
  const [created, setCreated] = useState<CreatedInviteView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const refresh = useCallback(async () => {
    const listed = await actions.list();
    if (listed.ok) {
      setInvites(listed.invites);
      setProblem(null);
    } else setProblem(listed.problem);
  }, [actions]);

  useEffect(() => {
    if (!readOnly) void refresh();
  }, [readOnly, refresh]);

  if (readOnly) {
    return (
      <section className="admin-section admin-invites" data-kind="invites">
        <p className="muted">{t('admin.invite.readOnly')}</p>
      </section>
    );
  }

  const create = async (values: FormValues) => {
    setNotice(null);
    setCopied(false);
    const result = await actions.create(values);
    if (!result.ok) return result;
    setCreated(result.created);
    void refresh();
    return { ok: true as const };
  };

  const revoke = async (id: string) => {
    setNotice(null);
    const result = await actions.revoke(id);
    if (result.ok) {
      setNotice(t('admin.invite.revoked'));
      if (created && invites?.find((i) => i.id === id)) setCreated(null);
    } else setProblem(result.problem);
    void refresh();
  };

  return (
    <section className="admin-section admin-invites" data-kind="invites">
      <h3>{t('admin.invite.title')}</h3>
      <RecordForm
        title={t('admin.invite.title')}
        className="invite-form"
        fields={fields}
        initial={initial}
        submitLabel="admin.invite.create"
        onSubmit={create}
      />
      {created ? (
        <div className="created-invite" role="status">
          <p>{t('admin.invite.created', { name: created.name })}</p>
          <dl>
            <dt>{t('admin.invite.code')}</dt>
            <dd className="invite-code">{created.code}</dd>
            <dt>{t('admin.invite.link')}</dt>
            <dd>
              <a className="invite-link" href={created.link} target="_blank" rel="noreferrer">
                {created.link}
              </a>{' '}
              {actions.copy ? (
                <button
                  type="button"
                  className="action"
                  onClick={() => {
                    void actions.copy?.(created.link).then(() => setCopied(true));
                  }}
                >
                  {copied ? t('admin.invite.copied') : t('admin.invite.copy')}
                </button>
              ) : null}
            </dd>
            <dd className="muted">{t('admin.invite.expires', { when: created.expires })}</dd>
          </dl>
          <img className="invite-qr" src={created.qrDataUrl} alt={t('admin.invite.qrAlt', { code: created.code })} width={200} height={200} />
        </div>
      ) : null}
      <h3>
        {t('admin.invite.open')}{' '}
        <button type="button" className="action refresh" onClick={() => void refresh()}>
          {t('admin.invite.refresh')}
        </button>
      </h3>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error invite-problem" role="alert">
          {label(problem)}
        </p>
      ) : null}
      {invites === null ? null : invites.length === 0 ? (
        <p className="empty">{t('admin.invite.none')}</p>
      ) : (
        <ul className="open-invites">
          {invites.map((invite) => (
            <li key={invite.id} data-id={invite.id}>
              <span className="who">{label(invite.who)}</span> · <span>{t(`role.${invite.role}`)}</span> ·{' '}
              <span className="muted">{t('admin.invite.expires', { when: invite.expires })}</span>{' '}
              <button type="button" className="action revoke" onClick={() => void revoke(invite.id)}>
                {t('admin.invite.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
