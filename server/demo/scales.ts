/** How big each demo scale is. */
export const SCALES = {
  // A county workspace: towns stand in as the "county" kind of unit (the places projects sit in), and projects are
  // smaller (sizeFactor scales the median investment).
  county: { projects: 150, members: 80, places: 5, taskForces: 2, level: '县', sizeFactor: 0.4 },
  city: { projects: 1000, members: 500, places: 12, taskForces: 12, level: '市', sizeFactor: 1 },
} as const;
export type DemoScale = keyof typeof SCALES;
export type ScaleSpec = (typeof SCALES)[DemoScale];

/** 市级领导 / 副处级 / 正科级 / 副科级 / 一般干部 among the members who are not unit heads: few leaders, many cadres. */
export const RANK_SHARES = { cityLeader: 0.045, deputyDivision: 0.06, section: 0.36, deputySection: 0.23, staff: 0.305 } as const;
