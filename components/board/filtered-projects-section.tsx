import { t } from '../../shared/i18n';
import type { Id, Locale } from '../../shared/schema/common';
import type { FilteredProject } from '../../client/view-models/board/board-filter';

interface Props {
  lines: readonly FilteredProject[];
  total: number;
  /** The leader's name when the filter is one leader's 包联 projects. */
  leaderName: string | null;
  locale: Locale;
  onOpenProject?: (projectId: Id) => void;
}

/** The projects the board's filter keeps (a leader's 包联 projects): stage, open problems and 形象进度, problems first. */
export function FilteredProjectsSection({ lines, total, leaderName, locale, onOpenProject }: Props) {
  return (
    <section className="board-section filtered-projects" aria-labelledby="board-filtered-projects">
      <h2 id="board-filtered-projects">{leaderName ? t(locale, 'wall.projects.leaderTitle', { name: leaderName }) : t(locale, 'wall.projects.title')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t(locale, 'wall.projects.none')}</p>
      ) : (
        <table className="board-table">
          <thead>
            <tr>
              <th>{t(locale, 'board.col.project')}</th>
              <th>{t(locale, 'board.col.stage')}</th>
              <th>{t(locale, 'board.col.problem')}</th>
              <th>{t(locale, 'board.field.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((p) => (
              <tr key={p.projectId} data-project={p.projectId}>
                <td>
                  {onOpenProject ? (
                    <button type="button" className="link-button" onClick={() => onOpenProject(p.projectId)}>
                      {p.name}
                    </button>
                  ) : (
                    p.name
                  )}
                </td>
                <td>{t(locale, `stage.${p.stage}`)}</td>
                <td className={p.openProblems > 0 ? 'gap behind' : 'muted'}>
                  {p.openProblems > 0 ? t(locale, 'wall.projects.openProblems', { count: p.openProblems }) : t(locale, 'wall.projects.noProblems')}
                </td>
                <td>{p.progress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > lines.length ? <p className="muted">{t(locale, 'wall.projects.more', { count: total - lines.length })}</p> : null}
    </section>
  );
}
