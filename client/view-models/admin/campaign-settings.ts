/**
 * The campaign settings form, one entry per setting: its field, how it reads from the stored campaign, and how the
 * typed text goes back into it. A new setting in shared/schema/campaign.ts (e.g. a 月报-correction rule, a
 * 销号-confirmation rule) is one more entry in CAMPAIGN_SETTINGS; the form, its errors and saving need nothing else.
 */
import type { Campaign, PaceBasis, ProblemClosure, QuarterTheme } from '../../../shared/schema/campaign';
import { PROBLEM_CLOSURE_CONFIRMERS, QUARTER_THEMES } from '../../../shared/schema/campaign';
import { reportRules } from '../../../shared/calc/report-window';
import { STAGES } from '../../../shared/schema/stage';
import { err, ok } from '../../../shared/result';
import { NumberReader, changedFields, enumChoices, list, text, type FormFieldSpec, type FormValues, type Parsed } from './form-fields';

export interface CampaignSetting {
  field: FormFieldSpec;
  /** The stored value as the field shows it (a list for a multi-select). */
  read(campaign: Campaign): string | string[];
  /** Writes the typed value into a draft; a number that does not parse is reported through `numbers`. */
  write(draft: Campaign, values: FormValues, numbers: NumberReader): void;
}

const numberSetting = (field: Omit<FormFieldSpec, 'control'>, read: (c: Campaign) => number, write: (draft: Campaign, n: number) => void): CampaignSetting => ({
  field: { ...field, control: 'number' },
  read: (c) => String(read(c)),
  write: (draft, _values, numbers) => write(draft, numbers.read(field.name)),
});

const quarterTheme = (quarter: 1 | 2 | 3 | 4): CampaignSetting => ({
  field: {
    name: `quarter${quarter}`,
    label: `admin.campaign.quarter${quarter}`,
    control: 'select',
    choices: enumChoices(QUARTER_THEMES, 'theme'),
    paths: ['quarters'],
    ...(quarter === 1 ? { group: 'admin.campaign.group.quarters' as const } : {}),
  },
  read: (c) => c.quarters.find((q) => q.quarter === quarter)?.theme ?? '',
  write: (draft, values) => {
    const theme = text(values, `quarter${quarter}`) as QuarterTheme;
    draft.quarters = draft.quarters.map((q) => (q.quarter === quarter ? { ...q, theme } : q));
  },
});

/** Percent text ("5, 12, 25 … 100") as shares 0..1, or null when a value is not a number. */
function parseCurve(raw: string): number[] | null {
  const parts = raw
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const shares = parts.map((p) => Number(p.replace('%', '')) / 100);
  return shares.every(Number.isFinite) ? shares : null;
}

const formatCurve = (curve: readonly number[] | undefined): string => (curve ?? []).map((s) => String(Math.round(s * 10000) / 100)).join(', ');

export const CAMPAIGN_SETTINGS: readonly CampaignSetting[] = [
  {
    field: { name: 'name', label: 'admin.campaign.name', control: 'text', group: 'admin.campaign.group.basic' },
    read: (c) => c.name,
    write: (draft, values) => {
      draft.name = text(values, 'name');
    },
  },
  numberSetting(
    { name: 'year', label: 'admin.campaign.year' },
    (c) => c.year,
    (d, n) => {
      d.year = n;
    },
  ),
  numberSetting(
    { name: 'reportDueDay', label: 'admin.campaign.reportDueDay' },
    (c) => c.reportDueDay,
    (d, n) => {
      d.reportDueDay = n;
    },
  ),
  {
    field: {
      name: 'paceBasis',
      label: 'admin.campaign.paceBasis',
      control: 'select',
      choices: enumChoices(['months', 'days', 'curve'], 'admin.campaign.paceBasis'),
      paths: ['pace.basis', 'basis'],
      group: 'admin.campaign.group.pace',
    },
    read: (c) => c.pace.basis,
    write: (draft, values) => {
      draft.pace = { ...draft.pace, basis: text(values, 'paceBasis') as PaceBasis };
    },
  },
  {
    field: {
      name: 'paceCurve',
      label: 'admin.campaign.paceCurve',
      control: 'text',
      hint: 'admin.campaign.paceCurveHint',
      paths: ['pace.curve', 'curve', 'pace'],
      when: { field: 'paceBasis', is: ['curve'] },
    },
    read: (c) => formatCurve(c.pace.curve),
    write: (draft, values, numbers) => {
      const raw = text(values, 'paceCurve').trim();
      if (raw === '') {
        const { curve: _drop, ...rest } = draft.pace;
        draft.pace = rest;
        return;
      }
      const curve = parseCurve(raw);
      if (curve === null) numbers.errors.push({ path: 'paceCurve', key: 'err.pace.curve', params: {} });
      else draft.pace = { ...draft.pace, curve };
    },
  },
  numberSetting(
    { name: 'yellowBehindPoints', label: 'admin.campaign.yellow', paths: ['lights.yellowBehindPoints'] },
    (c) => c.lights.yellowBehindPoints,
    (d, n) => {
      d.lights = { ...d.lights, yellowBehindPoints: n };
    },
  ),
  numberSetting(
    { name: 'redBehindPoints', label: 'admin.campaign.red', paths: ['lights.redBehindPoints'] },
    (c) => c.lights.redBehindPoints,
    (d, n) => {
      d.lights = { ...d.lights, redBehindPoints: n };
    },
  ),
  numberSetting(
    { name: 'dueSoonDays', label: 'admin.campaign.dueSoon', paths: ['lights.dueSoonDays'] },
    (c) => c.lights.dueSoonDays,
    (d, n) => {
      d.lights = { ...d.lights, dueSoonDays: n };
    },
  ),
  numberSetting(
    { name: 'remindAfterDays', label: 'admin.campaign.remind', paths: ['escalation.remindAfterDays'], group: 'admin.campaign.group.escalation' },
    (c) => c.escalation.remindAfterDays,
    (d, n) => {
      d.escalation = { ...d.escalation, remindAfterDays: n };
    },
  ),
  numberSetting(
    { name: 'superviseAfterDays', label: 'admin.campaign.supervise', paths: ['escalation.superviseAfterDays'] },
    (c) => c.escalation.superviseAfterDays,
    (d, n) => {
      d.escalation = { ...d.escalation, superviseAfterDays: n };
    },
  ),
  numberSetting(
    {
      name: 'correctionUntilDay',
      label: 'admin.campaign.correctionUntilDay',
      paths: ['reports.correctionUntilDay', 'reports'],
      group: 'admin.campaign.group.reports',
    },
    (c) => reportRules(c).correctionUntilDay,
    (d, n) => {
      // a campaign without the rule reads the default window; writing that same value back stores nothing
      if (n !== reportRules(d).correctionUntilDay) d.reports = { ...reportRules(d), correctionUntilDay: n };
    },
  ),
  {
    field: {
      name: 'lateNeedsApproval',
      label: 'admin.campaign.lateNeedsApproval',
      control: 'select',
      choices: enumChoices(['yes', 'no'], 'admin.yesNo'),
      paths: ['reports.lateNeedsApproval'],
    },
    read: (c) => (reportRules(c).lateNeedsApproval ? 'yes' : 'no'),
    write: (draft, values) => {
      const lateNeedsApproval = text(values, 'lateNeedsApproval') !== 'no';
      if (lateNeedsApproval !== reportRules(draft).lateNeedsApproval) draft.reports = { ...reportRules(draft), lateNeedsApproval };
    },
  },
  {
    field: {
      name: 'problemClosure',
      label: 'admin.campaign.problemClosure',
      control: 'select',
      choices: enumChoices(PROBLEM_CLOSURE_CONFIRMERS, 'admin.campaign.problemClosure'),
      paths: ['problemClosure'],
      group: 'admin.campaign.group.problems',
    },
    read: (c) => c.problemClosure ?? 'office',
    write: (draft, values) => {
      const closure = text(values, 'problemClosure') as ProblemClosure;
      if (closure !== (draft.problemClosure ?? 'office')) draft.problemClosure = closure;
    },
  },
  quarterTheme(1),
  quarterTheme(2),
  quarterTheme(3),
  quarterTheme(4),
  {
    field: { name: 'stages', label: 'admin.campaign.stages', control: 'multi', choices: enumChoices(STAGES, 'stage'), hint: 'admin.campaign.stagesHint' },
    read: (c) => [...c.stages],
    // kept in pipeline order whatever order they were picked in
    write: (draft, values) => {
      const chosen = new Set(list(values, 'stages'));
      draft.stages = STAGES.filter((s) => chosen.has(s));
    },
  },
];

export const campaignSettingFields = (): FormFieldSpec[] => CAMPAIGN_SETTINGS.map((s) => s.field);

export function campaignValues(campaign: Campaign): FormValues {
  return Object.fromEntries(CAMPAIGN_SETTINGS.map((s) => [s.field.name, s.read(campaign)]));
}

/**
 * The settings that changed (from `baseline`, what the form was filled with; else from the stored campaign), as a patch of the campaign's top-level settings (each merges on its own in the
 * document), or the errors at their fields. The model validates the whole campaign again before writing.
 */
export function campaignPatch(current: Campaign, values: FormValues, baseline?: FormValues): Parsed<Partial<Campaign>> {
  const draft: Campaign = structuredClone(current);
  const numbers = new NumberReader(values);
  // only the settings the person changed: another setting changed meanwhile by someone else stays theirs
  const changed = baseline ? changedFields(values, baseline) : null;
  for (const setting of CAMPAIGN_SETTINGS) if (changed === null || changed.has(setting.field.name)) setting.write(draft, values, numbers);
  if (numbers.errors.length > 0) return err({ errors: numbers.errors });
  const patch: Partial<Record<keyof Campaign, unknown>> = {};
  for (const key of Object.keys(draft) as (keyof Campaign)[]) {
    if (JSON.stringify(draft[key]) !== JSON.stringify(current[key])) patch[key] = draft[key];
  }
  return ok({ value: patch as Partial<Campaign> });
}

/** The model reports nested paths (`lights.redBehindPoints`, `pace.curve.11`); each goes to its setting's field. */
export function campaignErrorPaths(): Record<string, readonly string[]> {
  return Object.fromEntries(CAMPAIGN_SETTINGS.map((s) => [s.field.name, [s.field.name, ...(s.field.paths ?? [])]]));
}
