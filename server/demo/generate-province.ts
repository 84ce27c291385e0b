import type { CalendarDate } from '../../shared/schema/common';
import { generateWorkspace, type GeneratedWorkspace } from './generate-workspace';
import { CITY_NAMES } from './names-places';
import { deriveSeed, rngFor, sample } from './random';

export const PROVINCE_CITIES = 10;

/** A province: ten city workspaces, each from its own seed derived from the main one, each a different city. */
export function generateProvince(options: { seed: number; year: number; asOf: CalendarDate }): GeneratedWorkspace[] {
  const seed = options.seed >>> 0;
  const names = sample(rngFor(seed, 'province'), CITY_NAMES, PROVINCE_CITIES);
  return names.map((cityName, i) =>
    generateWorkspace({ scale: 'city', seed: deriveSeed(seed, `city/${i}`), year: options.year, asOf: options.asOf, cityName }),
  );
}
