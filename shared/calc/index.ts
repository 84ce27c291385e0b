// The campaign arithmetic: pure functions over validated data and an explicit as-of date (never the clock).
export * from './dates';
export * from './pace';
export * from './lights';
export * from './targets';
export * from './themes';
export * from './rates';
export * from './rankings';
export * from './summary-row';
export * from './plausibility';
export * from './trusted-rows';
export * from './escalation';
export * from './checklist';
export * from './monthly-report-rows';
export * from './circular';
