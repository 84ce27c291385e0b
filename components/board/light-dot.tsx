import { t } from '../../shared/i18n';
import type { Light } from '../../shared/schema/summary';
import type { Locale } from '../../shared/schema/common';

/** A 三色督办 light as a coloured dot with its name beside it, so it reads without colour too. */
export function LightDot({ light, locale }: { light: Light; locale: Locale }) {
  const name = t(locale, `light.${light}`);
  return (
    <span className={`light light-${light}`} data-light={light}>
      <span className="light-dot" aria-hidden="true">
        ●
      </span>
      <span className="light-name">{name}</span>
    </span>
  );
}
