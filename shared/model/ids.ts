import * as prng from 'lib0/prng';
import * as random from 'lib0/random';

/** Makes a fresh record id (IdSchema: ≤ 64 chars of [A-Za-z0-9_-]). Tests inject their own. */
export type IdSource = () => string;

/** A random v4 uuid: 36 chars of hex and '-', valid under IdSchema. */
export const randomId: IdSource = () => random.uuidv4();

/** Ids drawn from an explicit seeded generator, for reproducible documents (demo data, tests). */
export function seededIds(seed: number): IdSource {
  const gen = prng.create(seed);
  return () => {
    let id = '';
    for (let i = 0; i < 4; i++)
      id += Math.floor(gen.next() * 2 ** 32)
        .toString(36)
        .padStart(7, '0');
    return id;
  };
}

/** Options every creating mutation accepts: where fresh ids come from (tests and demo data inject theirs). */
export interface CreateOptions {
  newId?: IdSource;
}
