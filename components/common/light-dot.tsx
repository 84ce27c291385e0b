import type { Light } from '../../shared/schema/summary';
import { useMessages } from './i18n-context';

/** A 三色督办 light: a coloured dot that screen readers and colour-blind readers get as words ("红灯"). */
export function LightDot({ light }: { light: Light }) {
  const { t } = useMessages();
  return <span className={`light-dot light-${light}`} data-light={light} role="img" aria-label={t('ui.light.aria', { light: t(`light.${light}`) })} />;
}
