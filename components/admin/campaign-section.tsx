import type { CampaignWindow } from '../../shared/schema/campaign';
import type { FormFieldSpec, FormValues } from '../../client/view-models/admin/form-fields';
import type { FieldError } from '../../shared/schema/field-errors';
import { useState } from 'react';
import { AdminErrorText } from './admin-error-text';
import type { SubmitResult } from '../common/use-submit';
import { useAdminMessages } from './admin-messages';
import { RecordForm } from './record-form';

export interface CampaignActions {
  /** Writes the settings that differ from `baseline` (what the form was filled with). */
  save(values: FormValues, baseline: FormValues): Promise<SubmitResult>;
  addWindow(values: FormValues): Promise<SubmitResult>;
  removeWindow(id: string): Promise<SubmitResult>;
}

export interface CampaignSectionProps {
  readOnly: boolean;
  fields: readonly FormFieldSpec[];
  values: FormValues;
  windows: readonly CampaignWindow[];
  windowFields: readonly FormFieldSpec[];
  newWindow: FormValues;
  actions: CampaignActions;
}

/** Campaign settings (one form, one entry per setting) and the campaign windows (百日会战 …). */
export function CampaignSection({ readOnly, fields, values, windows, windowFields, newWindow, actions }: CampaignSectionProps) {
  const { t } = useAdminMessages();
  const [windowErrors, setWindowErrors] = useState<FieldError[]>([]);
  return (
    <section className="admin-section admin-campaign" data-kind="campaign">
      <RecordForm
        title={t('admin.campaign.title')}
        className="campaign-form"
        fields={fields}
        initial={values}
        submitLabel="admin.action.save"
        onSubmit={actions.save}
        readOnly={readOnly}
      />
      <h3>{t('admin.campaign.windows')}</h3>
      {windows.length === 0 ? (
        <p className="empty">{t('admin.campaign.window.none')}</p>
      ) : (
        <ul className="campaign-windows">
          {windows.map((w) => (
            <li key={w.id} data-id={w.id}>
              {w.name} · {w.start} – {w.end}{' '}
              {readOnly ? null : (
                <button
                  type="button"
                  className="action"
                  onClick={() => {
                    void actions.removeWindow(w.id).then((r) => setWindowErrors(r.ok ? [] : r.errors));
                  }}
                >
                  {t('admin.campaign.window.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <AdminErrorText id="campaign-window-error" errors={windowErrors} />
      {readOnly ? null : (
        <RecordForm
          title={t('admin.campaign.window.add')}
          className="window-form"
          fields={windowFields}
          initial={newWindow}
          submitLabel="admin.campaign.window.add"
          onSubmit={actions.addWindow}
          resetOnDone
        />
      )}
    </section>
  );
}
