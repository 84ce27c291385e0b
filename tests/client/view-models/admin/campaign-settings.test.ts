import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_SETTINGS, campaignErrorPaths, campaignPatch, campaignValues } from '../../../../client/view-models/admin/campaign-settings';
import { updateCampaign } from '../../../../shared/model/workspace-write';
import { readWorkspace } from '../../../../shared/model/workspace-read';
import { defaultCampaign } from '../../../../shared/schema/campaign';
import { sortErrors } from '../../../../components/common/field-errors';
import { alice, newWorkspace } from '../../../shared/model/fixtures';

const campaign = defaultCampaign(2026);

describe('campaign settings form', () => {
  it('shows every stored setting, one field each', () => {
    const values = campaignValues(campaign);
    expect(values).toMatchObject({
      name: '2026年项目建设年',
      year: '2026',
      reportDueDay: '5',
      paceBasis: 'months',
      redBehindPoints: '10',
      quarter2: 'doubleHalf',
    });
    expect(new Set(CAMPAIGN_SETTINGS.map((s) => s.field.name)).size).toBe(CAMPAIGN_SETTINGS.length);
  });

  it('unchanged values make an empty patch; a change patches only its own setting', () => {
    expect(campaignPatch(campaign, campaignValues(campaign))).toEqual({ ok: true, value: {} });
    const values = { ...campaignValues(campaign), reportDueDay: '１０', redBehindPoints: '12.5', quarter4: 'tackle' };
    const patch = campaignPatch(campaign, values);
    expect(patch.ok && patch.value).toEqual({
      reportDueDay: 10,
      lights: { ...campaign.lights, redBehindPoints: 12.5 },
      quarters: campaign.quarters.map((q) => (q.quarter === 4 ? { ...q, theme: 'tackle' } : q)),
    });
  });

  it('sets the 月报 window, whether late filings need approval, and who confirms 销号; defaults read as stored nothing', () => {
    const values = campaignValues(campaign);
    expect(values).toMatchObject({ correctionUntilDay: '5', lateNeedsApproval: 'yes', problemClosure: 'office' });
    const patch = campaignPatch(campaign, { ...values, correctionUntilDay: '10', lateNeedsApproval: 'no', problemClosure: 'officeAndInspectors' });
    expect(patch.ok && patch.value).toEqual({ reports: { correctionUntilDay: 10, lateNeedsApproval: false }, problemClosure: 'officeAndInspectors' });
    const doc = newWorkspace();
    if (!patch.ok) throw new Error('patch refused');
    expect(updateCampaign(doc, patch.value, alice).ok).toBe(true);
    const stored = readWorkspace(doc).campaign;
    expect(stored.ok && { reports: stored.value.reports, problemClosure: stored.value.problemClosure }).toEqual({
      reports: { correctionUntilDay: 10, lateNeedsApproval: false },
      problemClosure: 'officeAndInspectors',
    });
    // a day past the 28th is refused at its field by the model's schema
    const late = campaignPatch(campaign, { ...values, correctionUntilDay: '31' });
    expect(late.ok).toBe(true);
    if (late.ok) expect(updateCampaign(newWorkspace(), late.value, alice).ok).toBe(false);
  });

  it('a value that is not a number is refused at its field before the model sees it', () => {
    const patch = campaignPatch(campaign, { ...campaignValues(campaign), reportDueDay: '五号', dueSoonDays: '' });
    expect(patch).toEqual({
      ok: false,
      errors: [
        { path: 'reportDueDay', key: 'err.number.type', params: {} },
        { path: 'dueSoonDays', key: 'err.required', params: {} },
      ],
    });
  });

  it('the model’s refusals land at the setting’s field (nested paths included), and nothing is written', () => {
    const doc = newWorkspace();
    const values = { ...campaignValues(campaign), reportDueDay: '31', yellowBehindPoints: '20', redBehindPoints: '10', paceBasis: 'curve', paceCurve: '10, 5' };
    const patch = campaignPatch(campaign, values);
    if (!patch.ok) throw new Error('parses');
    const result = updateCampaign(doc, patch.value, alice);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { byField, rest } = sortErrors(result.errors, campaignErrorPaths());
    expect(Object.keys(byField).sort()).toEqual(['paceCurve', 'redBehindPoints', 'reportDueDay']);
    expect(rest).toEqual([]);
    const stored = readWorkspace(doc).campaign;
    expect(stored.ok && stored.value.reportDueDay).toBe(5);
  });

  it('a custom 序时 curve typed in percent is stored as shares; the model checks it ends at 100%', () => {
    const doc = newWorkspace();
    const curve = [5, 12, 25, 33, 42, 50, 58, 67, 75, 83, 92, 100];
    const patch = campaignPatch(campaign, { ...campaignValues(campaign), paceBasis: 'curve', paceCurve: curve.join('，') });
    if (!patch.ok) throw new Error('parses');
    expect(updateCampaign(doc, patch.value, alice).ok).toBe(true);
    const stored = readWorkspace(doc).campaign;
    expect(stored.ok && stored.value.pace).toEqual({ basis: 'curve', curve: curve.map((p) => p / 100) });
    expect(campaignValues(stored.ok ? stored.value : campaign).paceCurve).toBe(curve.join(', '));
  });

  it('stages tracked: kept in pipeline order however picked; fewer than two refused at the field', () => {
    const doc = newWorkspace();
    const patch = campaignPatch(campaign, { ...campaignValues(campaign), stages: ['started', 'planning', 'completed'] });
    expect(patch.ok && patch.value).toEqual({ stages: ['planning', 'started', 'completed'] });
    const one = campaignPatch(campaign, { ...campaignValues(campaign), stages: ['started'] });
    if (!one.ok) throw new Error('parses');
    const refused = updateCampaign(doc, one.value, alice);
    expect(!refused.ok && sortErrors(refused.errors, campaignErrorPaths()).byField.stages).toEqual([
      { path: 'stages', key: 'err.campaign.stages', params: {} },
    ]);
  });

  it('what the form was filled with decides what is written: a setting someone changed meanwhile is kept', () => {
    const filled = campaignValues(campaign);
    // meanwhile another 项目办 desk moved the due day to 8; this form changes only the red threshold
    const current = { ...campaign, reportDueDay: 8 };
    const patch = campaignPatch(current, { ...filled, redBehindPoints: '15' }, filled);
    expect(patch.ok && patch.value).toEqual({ lights: { ...campaign.lights, redBehindPoints: 15 } });
  });

  it('another replica changing another setting meanwhile keeps its change', () => {
    const a = newWorkspace();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const pa = campaignPatch(campaign, { ...campaignValues(campaign), reportDueDay: '10' });
    const pb = campaignPatch(campaign, { ...campaignValues(campaign), remindAfterDays: '3' });
    if (!pa.ok || !pb.ok) throw new Error('parses');
    updateCampaign(a, pa.value, alice);
    updateCampaign(b, pb.value, alice);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const stored = readWorkspace(a).campaign;
    expect(stored.ok && [stored.value.reportDueDay, stored.value.escalation.remindAfterDays]).toEqual([10, 3]);
  });
});
