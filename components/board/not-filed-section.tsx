import { useId, useState } from 'react';
import { describeFieldErrors, t } from '../../shared/i18n';
import { formatShanghaiTime } from '../../shared/format';
import type { ModelResult } from '../../shared/model/result';
import type { Id, Locale } from '../../shared/schema/common';
import { remindRequest, unitsNotFiled, type NotFiledList, type RemindRequest } from '../../client/view-models/board/not-filed';

/** Whose 月报 for last month is missing, by unit; the due day beside the count. */
const SHOWN = 30;

interface Props {
  list: NotFiledList;
  locale: Locale;
  onOpenProject?: (projectId: Id) => void;
  /** 催报: writes the reminder into the workspace document as the signed-in 项目办; absent for everyone else. */
  onRemind?: (request: RemindRequest) => ModelResult;
}

/** The 项目办's 催报 controls: everyone still missing, or one unit; says what was sent or why not. */
function RemindBar({ list, locale, onRemind }: { list: NotFiledList; locale: Locale; onRemind: (request: RemindRequest) => ModelResult }) {
  const id = useId();
  const units = unitsNotFiled(list);
  const [unitId, setUnitId] = useState<Id>(units[0]?.id ?? '');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const send = (unit: Id | null) => {
    const request = remindRequest(list, unit);
    if (!request) return;
    const result = onRemind(request);
    setOutcome(
      result.ok
        ? { ok: true, text: t(locale, 'board.remind.sent', { count: request.projectIds.length }) }
        : { ok: false, text: t(locale, 'board.remind.failed', { reason: describeFieldErrors(result.errors, locale).join('；') }) },
    );
  };
  return (
    <div className="remind-bar">
      <button type="button" onClick={() => send(null)}>
        {t(locale, 'board.remind.all', { count: list.lines.length })}
      </button>
      {units.length > 0 ? (
        <>
          <label htmlFor={`${id}-unit`}>{t(locale, 'board.remind.unitLabel')}</label>
          <select id={`${id}-unit`} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {`${u.name}（${u.count}）`}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => send(unitId)} disabled={unitId === ''}>
            {t(locale, 'board.remind.unit')}
          </button>
        </>
      ) : null}
      {outcome ? (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'muted' : 'error'}>
          {outcome.text}
        </p>
      ) : null}
    </div>
  );
}

export function NotFiledSection({ list, locale, onOpenProject, onRemind }: Props) {
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
          {onRemind && list.inCampaign ? <RemindBar list={list} locale={locale} onRemind={onRemind} /> : null}
          <table className="board-table not-filed-table">
            <thead>
              <tr>
                <th>{t(locale, 'board.col.unit')}</th>
                <th>{t(locale, 'board.col.project')}</th>
                <th>{t(locale, 'board.col.owner')}</th>
                <th>{t(locale, 'board.remind.col')}</th>
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
                  <td>{line.reminded ? t(locale, 'board.remind.at', { time: formatShanghaiTime(line.reminded.at) }) : ''}</td>
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
