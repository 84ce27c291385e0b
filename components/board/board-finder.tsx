import { useDeferredValue, useMemo, useState } from 'react';
import { t } from '../../shared/i18n';
import type { Id, Locale } from '../../shared/schema/common';
import { findOnBoard, type FinderHit, type FinderIndex } from '../../client/view-models/board/finder';

interface Props {
  index: FinderIndex;
  locale: Locale;
  /** A project found: open its drill-down; without it projects are listed but not clickable. */
  onOpenProject?: (projectId: Id) => void;
  /** A leader found: their 包联 view (the board filtered to their projects). */
  onLeader: (leaderId: Id) => void;
  /** A unit found: the board filtered to it (a county as 县区, else as 责任单位). */
  onUnit: (hit: Extract<FinderHit, { kind: 'unit' }>) => void;
}

/** Search by several words: leaders, units and projects whose names (and a project's unit, county, leader) hold them all. */
export function BoardFinder({ index, locale, onOpenProject, onLeader, onUnit }: Props) {
  const [query, setQuery] = useState('');
  const typed = useDeferredValue(query);
  const hits = useMemo(() => findOnBoard(index, typed), [index, typed]);
  const choose = (hit: FinderHit): void => {
    if (hit.kind === 'project') onOpenProject?.(hit.id);
    else if (hit.kind === 'leader') onLeader(hit.id);
    else onUnit(hit);
  };
  const label = (hit: FinderHit): string => {
    switch (hit.kind) {
      case 'leader':
        return t(locale, 'wall.search.leader', { name: hit.name, count: hit.count });
      case 'unit':
        return t(locale, 'wall.search.unit', { kind: t(locale, `unitKind.${hit.unitKind}`), name: hit.name, count: hit.count });
      case 'project':
        return `${hit.code} ${hit.name}${hit.detail ? `（${hit.detail}）` : ''}`;
    }
  };
  return (
    <div className="project-finder board-finder">
      <input
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t(locale, 'wall.search.placeholder')}
        aria-label={t(locale, 'wall.search.label')}
      />
      {typed.trim() !== '' && hits.length === 0 ? <p className="muted">{t(locale, 'wall.search.none', { query: typed.trim() })}</p> : null}
      {hits.length > 0 ? (
        <ul className="finder-results">
          {hits.map((hit) => (
            <li key={`${hit.kind}/${hit.id}`} data-kind={hit.kind} data-id={hit.id}>
              {hit.kind === 'project' && !onOpenProject ? (
                label(hit)
              ) : (
                <button type="button" className="link-button" onClick={() => choose(hit)}>
                  {label(hit)}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
