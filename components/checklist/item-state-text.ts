import type { ChecklistItem } from '../../shared/calc/checklist';
import { daysBetween } from '../../shared/calc/dates';
import type { Messages } from '../common/i18n-context';

/** "已逾期 3 天" / "5 天后到期" / "今天到期" / "2026-03 月报未填报，2026-04-05 前报送" / "2026-09-30 到期". */
export function itemStateText(item: ChecklistItem, asOf: string, t: Messages['t']): string {
  switch (item.state) {
    case 'overdue':
      return t('checklist.state.overdue', { days: item.daysOverdue });
    case 'dueSoon': {
      const days = daysBetween(asOf, item.due);
      return days <= 0 ? t('checklist.state.dueToday') : t('checklist.state.dueSoon', { days });
    }
    case 'unfiled':
      return t('checklist.state.unfiled', { month: item.month ?? '', due: item.due });
    case 'later':
      return t('checklist.state.later', { due: item.due });
  }
}
