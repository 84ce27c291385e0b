import { useState } from 'react';
import { PLAUSIBILITY } from '../../shared/calc/plausibility';
import { describeFieldErrors, t } from '../../shared/i18n';
import { formatMoneyWan, formatShanghaiTime } from '../../shared/format';
import type { FieldError } from '../../shared/schema/field-errors';
import type { ModelResult } from '../../shared/model/result';
import type { Id, Locale } from '../../shared/schema/common';
import type { PlausibilityReason } from '../../shared/schema/review';
import type { RegistrationReviewItem, ReportReviewItem, ReviewItem } from '../../client/view-models/board/review-list';

interface Props {
  items: readonly ReviewItem[];
  /** Member names by id. */
  names: ReadonlyMap<Id, string>;
  locale: Locale;
  /** Writes the confirmation through the model, attributed to the signed-in 项目办; absent for everyone else. */
  onConfirm?: (item: ReviewItem) => ModelResult;
  onOpenProject?: (projectId: Id) => void;
}

const SHOWN = 30;

function reasonText(item: ReportReviewItem, reason: PlausibilityReason, locale: Locale): string {
  const money = (wan: number): string => formatMoneyWan(wan, locale);
  const { flag } = item;
  switch (reason) {
    case 'cumulativeAboveTotal':
      return t(locale, 'review.reason.cumulativeAboveTotal', { cumulative: money(flag.cumulativeWan), total: money(item.totalInvestmentWan) });
    case 'monthAbovePace':
      return t(locale, 'review.reason.monthAbovePace', {
        completed: money(flag.completedWan),
        plan: money(item.annualPlanWan),
        multiple: PLAUSIBILITY.monthPlanMultiple,
      });
    case 'cumulativeDecreased':
      return t(locale, 'review.reason.cumulativeDecreased', {
        cumulative: money(flag.cumulativeWan),
        month: flag.previous?.month ?? '',
        previous: money(flag.previous?.cumulativeWan ?? 0),
      });
    case 'filedLate':
      return t(locale, 'review.reason.filedLate', { month: flag.month, closes: item.windowCloses });
  }
}

function registrationText(item: RegistrationReviewItem, names: ReadonlyMap<Id, string>, locale: Locale): string {
  const nobody = t(locale, 'review.nobody');
  const name = (id: Id | null): string => (id === null ? nobody : (names.get(id) ?? id));
  return t(locale, 'review.item.registration', {
    leader: name(item.leaderId),
    team: item.team.length > 0 ? item.team.map(name).join('、') : nobody,
    attracted: name(item.attractedById),
  });
}

/** What is to be confirmed, who filed it, and why it waits: one row's three cells. */
function describe(item: ReviewItem, names: ReadonlyMap<Id, string>, locale: Locale): { what: string; who: string; why: string[] } {
  const name = (id: Id | null): string => (id === null ? '' : (names.get(id) ?? id));
  if (item.kind === 'registration') {
    return { what: registrationText(item, names, locale), who: name(item.creatorId), why: [t(locale, 'review.reason.registration')] };
  }
  const { flag } = item;
  return {
    what: t(locale, 'review.item.report', {
      month: flag.month,
      completed: formatMoneyWan(flag.completedWan, locale),
      cumulative: formatMoneyWan(flag.cumulativeWan, locale),
    }),
    who: t(locale, 'review.filedBy', { name: name(flag.filed.by), time: formatShanghaiTime(flag.filed.at) }),
    why: [
      ...flag.reasons.map((reason) => reasonText(item, reason, locale)),
      ...(item.replaces
        ? [
            t(locale, 'review.reason.corrects', {
              completed: formatMoneyWan(item.replaces.completedWan, locale),
              name: name(item.replaces.filed.by),
              time: formatShanghaiTime(item.replaces.filed.at),
            }),
          ]
        : []),
    ],
  };
}

function ReviewRow({ item, names, locale, onConfirm, onOpenProject }: Omit<Props, 'items'> & { item: ReviewItem }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const { what, who, why } = describe(item, names, locale);
  const confirm = onConfirm
    ? () => {
        const result = onConfirm(item);
        setErrors(result.ok ? [] : result.errors);
      }
    : undefined;
  return (
    <tr data-review={item.key} data-kind={item.kind}>
      <td>
        {onOpenProject ? (
          <button type="button" className="link-button" onClick={() => onOpenProject(item.projectId)}>
            {item.projectName}
          </button>
        ) : (
          item.projectName
        )}
      </td>
      <td>{what}</td>
      <td>{who}</td>
      <td>
        <ul className="review-reasons">
          {why.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </td>
      {confirm ? (
        <td>
          <button type="button" onClick={confirm}>
            {t(locale, 'review.confirm')}
          </button>
          {errors.length > 0 ? (
            <span className="error" role="alert">
              {t(locale, 'review.confirmFailed', { reason: describeFieldErrors(errors, locale).join('；') })}
            </span>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

/**
 * 待审核: figures that failed a plausibility rule and registrations of projects members created offline. They count
 * toward targets and rankings once the 项目办 confirms them; the 确认 button is offered to the 项目办 (admin) only, as
 * the server accepts review records from admins only.
 */
export function ReviewSection({ items, names, locale, onConfirm, onOpenProject }: Props) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  const rowProps = { names, locale, ...(onConfirm ? { onConfirm } : {}), ...(onOpenProject ? { onOpenProject } : {}) };
  return (
    <section className="board-section" aria-labelledby="board-review">
      <h2 id="board-review">{t(locale, 'review.section.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t(locale, 'review.section.none')}</p>
      ) : (
        <>
          <p>
            {t(locale, 'review.section.count', { count: items.length })} {t(locale, 'review.section.note')}
            {onConfirm ? null : <span className="muted"> {t(locale, 'review.adminOnly')}</span>}
          </p>
          <table className="board-table review-table">
            <thead>
              <tr>
                <th>{t(locale, 'review.col.project')}</th>
                <th>{t(locale, 'review.col.figure')}</th>
                <th>{t(locale, 'review.col.filedBy')}</th>
                <th>{t(locale, 'review.col.reasons')}</th>
                {onConfirm ? <th>{t(locale, 'review.col.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <ReviewRow key={item.key} item={item} {...rowProps} />
              ))}
            </tbody>
          </table>
          {items.length > SHOWN ? (
            <button type="button" className="link-button" onClick={() => setAll(!all)}>
              {all ? t(locale, 'board.ranking.top', { count: SHOWN }) : `${t(locale, 'board.filter.all')} (${items.length})`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
