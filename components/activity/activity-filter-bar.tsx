import { t } from '../../shared/i18n';
import type { Locale } from '../../shared/schema/common';
import { ACTIVITY_KINDS, type ActivityFilters, type Choice, type FilterChoices, NO_FILTERS } from '../../client/view-models/activity/activity-filters';

interface Props {
  locale: Locale;
  filters: ActivityFilters;
  choices: FilterChoices;
  onChange: (filters: ActivityFilters) => void;
}

function Select({
  label,
  value,
  options,
  locale,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly Choice[];
  locale: Locale;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t(locale, 'activityPage.filter.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Member, unit, project, kind and a date range (Asia/Shanghai days); every change asks the server again. */
export function ActivityFilterBar({ locale, filters, choices, onChange }: Props) {
  const set = (patch: Partial<ActivityFilters>): void => onChange({ ...filters, ...patch });
  const kinds = ACTIVITY_KINDS.map((k) => ({ value: k, label: t(locale, `activityPage.kind.${k}`) }));
  return (
    <fieldset className="activity-filters">
      <Select
        label={t(locale, 'activityPage.filter.member')}
        value={filters.member}
        options={choices.members}
        locale={locale}
        onChange={(member) => set({ member })}
      />
      <Select label={t(locale, 'activityPage.filter.unit')} value={filters.unit} options={choices.units} locale={locale} onChange={(unit) => set({ unit })} />
      <Select
        label={t(locale, 'activityPage.filter.project')}
        value={filters.project}
        options={choices.projects}
        locale={locale}
        onChange={(project) => set({ project })}
      />
      <Select
        label={t(locale, 'activityPage.filter.kind')}
        value={filters.kind}
        options={kinds}
        locale={locale}
        onChange={(kind) => set({ kind: ACTIVITY_KINDS.find((k) => k === kind) ?? '' })}
      />
      <label>
        {t(locale, 'activityPage.filter.from')}
        <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        {t(locale, 'activityPage.filter.to')}
        <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <button type="button" onClick={() => onChange(NO_FILTERS)}>
        {t(locale, 'activityPage.filter.clear')}
      </button>
    </fieldset>
  );
}
