import { useState } from 'react';
import { t } from '../../shared/i18n';
import type { Id, Locale } from '../../shared/schema/common';
import type { DepartmentProblems } from '../../client/view-models/board/problem-groups';

interface Props {
  groups: readonly DepartmentProblems[];
  /** Member names by id, for the owners. */
  names: ReadonlyMap<Id, string>;
  locale: Locale;
  onOpenProject?: (projectId: Id) => void;
}

const SHOWN_PER_DEPARTMENT = 5;

function DepartmentGroup({
  group,
  names,
  locale,
  onOpenProject,
}: {
  group: DepartmentProblems;
  names: ReadonlyMap<Id, string>;
  locale: Locale;
  onOpenProject?: (projectId: Id) => void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? group.items : group.items.slice(0, SHOWN_PER_DEPARTMENT);
  const name = group.departmentId === null ? t(locale, 'board.problems.noDepartment') : group.departmentName;
  return (
    <div className="department" data-department={group.departmentId ?? ''}>
      <h3>
        {name} <span className="muted">{t(locale, 'board.problems.count', { count: group.items.length })}</span>
        {(['supervised', 'reminded', 'assigned'] as const).map((level) =>
          group.counts[level] > 0 ? (
            <span key={level} className={`level level-${level}`}>
              {t(locale, `escalation.${level}`)} {group.counts[level]}
            </span>
          ) : null,
        )}
      </h3>
      <table className="board-table problems-table">
        <thead>
          <tr>
            <th>{t(locale, 'board.col.problem')}</th>
            <th>{t(locale, 'board.col.project')}</th>
            <th>{t(locale, 'board.col.level')}</th>
            <th>{t(locale, 'board.col.overdue')}</th>
            <th>{t(locale, 'board.col.deadline')}</th>
            <th>{t(locale, 'board.col.owner')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={`${item.projectId}/${item.recordId}`} data-problem={item.recordId} data-level={item.level}>
              <td>
                {item.title}
                {item.closeRequested ? <span className="close-requested"> · {t(locale, 'problemStatus.closeRequested')}</span> : null}
              </td>
              <td>
                {onOpenProject ? (
                  <button type="button" className="link-button" onClick={() => onOpenProject(item.projectId)}>
                    {item.projectName}
                  </button>
                ) : (
                  item.projectName
                )}
              </td>
              <td>
                <span className={`level level-${item.level}`}>{t(locale, `escalation.${item.level}`)}</span>
              </td>
              <td className="num">{item.daysOverdue > 0 ? t(locale, 'board.overdue.days', { days: item.daysOverdue }) : t(locale, 'board.overdue.none')}</td>
              <td>{item.deadline}</td>
              <td>{item.ownerId ? (names.get(item.ownerId) ?? item.ownerId) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {group.items.length > SHOWN_PER_DEPARTMENT ? (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? t(locale, 'board.ranking.top', { count: SHOWN_PER_DEPARTMENT }) : `${t(locale, 'board.filter.all')} (${group.items.length})`}
        </button>
      ) : null}
    </div>
  );
}

/** Open problems by responsible department, with the effective 交办/提醒/督办 level, days overdue and the owner. */
export function ProblemsSection({ groups, names, locale, onOpenProject }: Props) {
  return (
    <section className="board-section" aria-labelledby="board-problems">
      <h2 id="board-problems">{t(locale, 'board.section.problems')}</h2>
      {groups.length === 0 ? <p className="muted">{t(locale, 'board.problems.none')}</p> : null}
      {groups.map((group) => (
        <DepartmentGroup key={group.departmentId ?? ''} group={group} names={names} locale={locale} onOpenProject={onOpenProject} />
      ))}
    </section>
  );
}
