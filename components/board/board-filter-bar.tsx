import { t } from '../../shared/i18n';
import type { Id, Locale } from '../../shared/schema/common';
import { CATEGORIES, type Category } from '../../shared/schema/project';
import { isFiltered, NO_FILTER, type BoardFilter, type FilterChoice, type FilterChoices } from '../../client/view-models/board/board-filter';

interface Props {
  choices: FilterChoices;
  filter: BoardFilter;
  onFilter: (filter: BoardFilter) => void;
  /** Active projects the filter keeps. */
  shown: number;
  /** The signed-in member when they lead (包联) projects: offers "我包联的项目". */
  leaderId?: Id | null;
  locale: Locale;
}

function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

function Choice({
  label,
  value,
  choices,
  onChange,
  locale,
  name,
}: {
  label: string;
  value: Id | null;
  choices: readonly FilterChoice[];
  onChange: (id: Id | null) => void;
  locale: Locale;
  name: string;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t(locale, 'wall.filter.any')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {t(locale, 'wall.filter.choice', { name: c.name, count: c.count })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The board's one filter (县区 / 责任单位 / 项目类型 / 包联领导): every section below shows the projects it keeps. */
export function BoardFilterBar({ choices, filter, onFilter, shown, leaderId, locale }: Props) {
  const filtered = isFiltered(filter);
  return (
    <div className="board-filters board-filter-bar">
      <Choice
        name="county"
        label={t(locale, 'wall.filter.county')}
        value={filter.countyId}
        choices={choices.counties}
        onChange={(countyId) => onFilter({ ...filter, countyId })}
        locale={locale}
      />
      <Choice
        name="unit"
        label={t(locale, 'wall.filter.unit')}
        value={filter.unitId}
        choices={choices.units}
        onChange={(unitId) => onFilter({ ...filter, unitId })}
        locale={locale}
      />
      <label>
        {t(locale, 'wall.filter.category')}
        <select
          name="category"
          value={filter.category ?? ''}
          onChange={(e) => onFilter({ ...filter, category: isCategory(e.target.value) ? e.target.value : null })}
        >
          <option value="">{t(locale, 'wall.filter.any')}</option>
          {choices.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {t(locale, 'wall.filter.choice', { name: t(locale, `category.${c.id}`), count: c.count })}
            </option>
          ))}
        </select>
      </label>
      <Choice
        name="leader"
        label={t(locale, 'wall.filter.leader')}
        value={filter.leaderId}
        choices={choices.leaders}
        onChange={(leaderId) => onFilter({ ...filter, leaderId })}
        locale={locale}
      />
      {leaderId ? (
        <button type="button" className="mine" aria-pressed={filter.leaderId === leaderId} onClick={() => onFilter({ ...NO_FILTER, leaderId })}>
          {t(locale, 'wall.filter.mine')}
        </button>
      ) : null}
      {filtered ? (
        <>
          <span className="filter-count">{t(locale, 'wall.filter.showing', { count: shown })}</span>
          <button type="button" className="link-button" onClick={() => onFilter(NO_FILTER)}>
            {t(locale, 'wall.filter.clear')}
          </button>
        </>
      ) : null}
    </div>
  );
}
