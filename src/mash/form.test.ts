import { describe, expect, it } from 'vitest';
import { anchorOf, episodeErrors, strategyFrom } from './form.ts';
import { durationText, ragTag, timeLeftText } from './view-models.ts';

describe('how the MASH clock reads', () => {
  const now = new Date('2025-05-14T12:00:00Z');
  it('formats working minutes as hours and minutes', () => {
    expect(durationText(200)).toBe('3 h 20 min');
    expect(durationText(45)).toBe('45 min');
    expect(durationText(120)).toBe('2 h');
    expect(durationText(72 * 60)).toBe('3 days');
  });
  it('says how much working time is left, or how long ago a deadline passed', () => {
    const deadline = new Date('2025-05-14T15:20:00Z');
    expect(timeLeftText({ deadline, workingMinutesLeft: 200, breached: false }, now)).toBe(
      '3 h 20 min working time left',
    );
    const past = new Date('2025-05-14T10:00:00Z');
    expect(timeLeftText({ deadline: past, workingMinutesLeft: -120, breached: true }, now)).toBe(
      'Breached 2 h ago',
    );
    expect(timeLeftText({ deadline: null, workingMinutesLeft: null, breached: false }, now)).toBe(
      'No target',
    );
    expect(timeLeftText(null, now)).toBe('Not triaged');
  });
  it('shows a RAG as a tag with text, never colour alone', () => {
    expect(ragTag('AMBER')).toEqual({ text: 'Amber', classes: 'govuk-tag--yellow' });
    expect(ragTag(null)).toEqual({ text: 'Not triaged', classes: 'govuk-tag--grey' });
  });
});

describe('errors on the episode page', () => {
  it('links each error to its own form’s element, action rows by their row on the form', () => {
    const { values } = strategyFrom({ 'action-2-description': 'Visit', 'action-2-due-day': '1' });
    const view = episodeErrors(
      'strategy',
      [
        { field: 'actions[0].ownerName', message: 'Name who owns the action' },
        { field: 'heldAt', message: 'Enter when' },
      ],
      values,
    );
    expect(view.errorList.map((e) => e.href)).toEqual([
      '#strategy-action-2-owner-name',
      '#strategy-heldAt-day',
    ]);
    expect(view.formErrors.strategy?.['action-2-ownerName']).toEqual({ text: 'Name who owns the action' });
    expect(anchorOf('rag', 'from')).toBe('rag-rating');
    const feb = strategyFrom({
      'action-0-description': 'Visit',
      'action-0-owner-name': 'Sam',
      'action-0-due-day': '31',
      'action-0-due-month': '2',
      'action-0-due-year': '2025',
    });
    expect(feb.input.actions[0]?.dueDate).toBe('invalid');
    expect(anchorOf('sharing', 'recipients')).toBe('sharing-recipient-0');
    expect(anchorOf('sharing', 'contributionIds')).toBe('sharing-contributionIds');
  });
});
