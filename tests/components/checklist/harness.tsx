import { useEffect, useReducer } from 'react';
import { ChecklistView } from '../../../components/checklist/checklist-view';
import type { TargetLine } from '../../../client/view-models/checklist/checklist-data';
import type { ChecklistActions } from '../../../components/checklist/checklist-actions';
import { LocaleProvider } from '../../../components/common/i18n-context';
import { pageMessages } from '../../../shared/i18n/extension-pages';
import type { Locale } from '../../../shared/schema/common';
import type { World } from './world';

/** The checklist over the world's documents, re-read after every change (as the popup does through its stores). */
export function WorldChecklist({
  world,
  actions,
  locale = 'zh-CN',
  targets = [],
}: {
  world: World;
  actions: ChecklistActions;
  locale?: Locale;
  targets?: TargetLine[];
}) {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => world.onChange(bump), [world]);
  return (
    <LocaleProvider locale={locale} messages={pageMessages}>
      <ChecklistView data={world.data(targets)} actions={actions} />
    </LocaleProvider>
  );
}
