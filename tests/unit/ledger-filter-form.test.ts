import { describe, expect, it } from 'vitest';
import { activeConditionCount, EMPTY_LEDGER_FILTER_FORM, ledgerFilterFromForm, toggleStatus } from '../../src/ui/ledgerFilterForm';
import type { LedgerFilterForm } from '../../src/ui/ledgerFilterForm';

const form = (patch: Partial<LedgerFilterForm>): LedgerFilterForm => ({ ...EMPTY_LEDGER_FILTER_FORM, ...patch });

describe('ledger filter bar → LedgerFilter', () => {
  it('an untouched bar is the empty filter (every case shows)', () => {
    expect(ledgerFilterFromForm(EMPTY_LEDGER_FILTER_FORM)).toEqual({});
    expect(activeConditionCount(EMPTY_LEDGER_FILTER_FORM)).toBe(0);
  });

  it('every control set at once', () => {
    const filter = ledgerFilterFromForm({
      statuses: ['verifying', 'accepted'],
      category: 'basicFarmlandDamage',
      channel: 'hotline12336',
      assignee: '王建国',
      receivedFrom: '2024-03-01',
      receivedTo: '2024-03-31',
      overdue: true,
      dueSoon: true,
      repeat: true,
      text: '  城关镇  ',
    });
    expect(filter).toEqual({
      statuses: ['accepted', 'verifying'],
      categories: ['basicFarmlandDamage'],
      channels: ['hotline12336'],
      assignee: '王建国',
      receivedFrom: '2024-03-01',
      receivedTo: '2024-03-31',
      overdue: true,
      dueSoon: true,
      repeat: true,
      text: '城关镇',
    });
  });

  it('ticked statuses come out in case-flow order, each once', () => {
    expect(ledgerFilterFromForm(form({ statuses: ['closed', 'registered', 'closed', 'replied'] }))).toEqual({ statuses: ['registered', 'replied', 'closed'] });
  });

  it('unticked flags and blank text add no condition', () => {
    expect(ledgerFilterFromForm(form({ overdue: false, dueSoon: false, repeat: false, text: ' \t ', assignee: '  ' }))).toEqual({});
  });

  it('inner runs of spaces in the search text become one space', () => {
    expect(ledgerFilterFromForm(form({ text: ' XF-2024   城关 ' }))).toEqual({ text: 'XF-2024 城关' });
  });

  it('an open-ended date range keeps only the side given', () => {
    expect(ledgerFilterFromForm(form({ receivedFrom: '2024-01-15' }))).toEqual({ receivedFrom: '2024-01-15' });
    expect(ledgerFilterFromForm(form({ receivedTo: '2024-12-31' }))).toEqual({ receivedTo: '2024-12-31' });
  });

  it('a range typed backwards is read as the same days', () => {
    expect(ledgerFilterFromForm(form({ receivedFrom: '2024-06-30', receivedTo: '2024-06-01' }))).toEqual({ receivedFrom: '2024-06-01', receivedTo: '2024-06-30' });
  });

  it('a half-typed or malformed date is ignored rather than narrowing to nothing', () => {
    expect(ledgerFilterFromForm(form({ receivedFrom: '2024-6-1', receivedTo: '2024-13-01' }))).toEqual({});
  });

  it('a category or channel that is not in the vocabulary is ignored', () => {
    expect(ledgerFilterFromForm(form({ category: 'arson' as LedgerFilterForm['category'], channel: 'fax' as LedgerFilterForm['channel'] }))).toEqual({});
  });

  it('counts the conditions set', () => {
    expect(activeConditionCount(form({ statuses: ['drafted', 'reviewed'], overdue: true, text: 'x' }))).toBe(3);
  });
});

describe('ticking a status box', () => {
  it('adds the status in case-flow order', () => {
    expect(toggleStatus(['closed'], 'accepted')).toEqual(['accepted', 'closed']);
  });

  it('removes a ticked status', () => {
    expect(toggleStatus(['accepted', 'verifying', 'closed'], 'verifying')).toEqual(['accepted', 'closed']);
  });
});
