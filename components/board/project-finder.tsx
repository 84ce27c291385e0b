import { useDeferredValue, useMemo, useState } from 'react';
import { t } from '../../shared/i18n';
import type { Id, Locale } from '../../shared/schema/common';
import type { SummaryRow } from '../../shared/schema/summary';

const SHOWN = 12;

/** Find a project by name or 项目编号 and open it (drill-down). */
export function ProjectFinder({ rows, locale, onOpenProject }: { rows: readonly SummaryRow[]; locale: Locale; onOpenProject: (projectId: Id) => void }) {
  const [query, setQuery] = useState('');
  const typed = useDeferredValue(query.trim());
  const matches = useMemo(() => (typed === '' ? [] : rows.filter((r) => r.name.includes(typed) || r.code.includes(typed)).slice(0, SHOWN)), [rows, typed]);
  return (
    <div className="project-finder">
      <input
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={`${t(locale, 'board.col.project')} / ${t(locale, 'board.field.code')}`}
        aria-label={t(locale, 'board.col.project')}
      />
      {matches.length > 0 ? (
        <ul className="finder-results">
          {matches.map((r) => (
            <li key={r.projectId}>
              <button type="button" className="link-button" onClick={() => onOpenProject(r.projectId)}>
                {r.code} {r.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
