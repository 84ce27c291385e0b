import type { CalendarDate, Timestamp } from '../../shared/schema/common';
import { shanghaiInstant } from './dates';
import { chance, intBetween, pick, type Rng } from './random';

/** Who works on one project: the people its edits are attributed to. */
export interface ProjectPeople {
  ownerId: string;
  leaderId: string;
  team: readonly string[];
  /** 项目办 staff who registered it. */
  adminId: string;
}

/** Someone on the project who would do routine work (file a 月报, tick a milestone): mostly the owner. */
export function routineAuthor(rng: Rng, people: ProjectPeople): string {
  return chance(rng, 0.7) || people.team.length === 0 ? people.ownerId : pick(rng, people.team);
}

/** An instant on `date` during office hours, now and then in the evening (cadres file late). */
export function officeTime(rng: Rng, date: CalendarDate): Timestamp {
  const minute = chance(rng, 0.85) ? intBetween(rng, 8 * 60 + 30, 18 * 60) : intBetween(rng, 18 * 60, 22 * 60 + 30);
  return shanghaiInstant(date, minute);
}
