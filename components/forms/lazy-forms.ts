import { lazy } from 'react';

// The forms load on the first click that opens one: the popup's first paint needs none of them.
export const LazyReportForm = lazy(() => import('./report-form').then((m) => ({ default: m.ReportForm })));
export const LazyStageForm = lazy(() => import('./stage-form').then((m) => ({ default: m.StageForm })));
export const LazyProblemForm = lazy(() => import('./problem-form').then((m) => ({ default: m.ProblemForm })));
export const LazyProblemNoteForm = lazy(() => import('./problem-note-form').then((m) => ({ default: m.ProblemNoteForm })));
export const LazyEscalateChoices = lazy(() => import('./escalate-choices').then((m) => ({ default: m.EscalateChoices })));
