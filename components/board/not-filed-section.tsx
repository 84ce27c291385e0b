import { useState } from 'react';
import { t } from '../../shared/i18n';
import type { Id, Locale } from '../../shared/schema/common';
import type { NotFiledList } from '../../client/view-models/board/not-filed';

/** Whose 月报 for last month is missing, by unit; the due day beside the count. */
const SHOWN = 30;

export function NotFiledSection({ list, locale, onOpenProject }: { list: NotFiledList; locale: Locale; onOpenProject?: (projectId: Id) => void }) {
  const [all, setAll] = useState(false);
  const lines = all ? list.lines : list.lines.slice(0, SHOWN);
  return (
    <section className="board-section" aria-labelledby="board-not-filed">
      <h2 id="board-not-filed">{t(locale, 'board.section.notFiled', { month: list.month })}</h2>
      {list.lines.length === 0 ? (
        <p className="muted">{t(locale, 'board.notFiled.none')}</p>
      ) : (
        <>
          <p>{t(locale, 'board.notFiled.count', { count: list.lines.length, due: list.due })}</p>
          <table className="board-table not-filed-table">
            <thead>
              <tr>
                <th>{t(locale, 'board.col.unit')}</th>
                <th>{t(locale, 'board.col.project')}</th>
                <th>{t(locale, 'board.col.owner')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.projectId} data-project={line.projectId}>
                  <td>{line.unitName}</td>
                  <td>
                    {onOpenProject ? (
                      <button type="button" className="link-button" onClick={() => onOpenProject(line.projectId)}>
                        {line.projectName}
                      </button>
                    ) : (
                      line.projectName
                    )}
                  </td>
                  <td>{line.ownerName}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.lines.length > SHOWN ? (
            <button type="button" className="link-button" onClick={() => setAll(!all)}>
              {all ? t(locale, 'board.ranking.top', { count: SHOWN }) : `${t(locale, 'board.filter.all')} (${list.lines.length})`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
