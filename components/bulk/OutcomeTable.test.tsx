// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkRecordRow } from '@/utils/bulk/progress';
import { OutcomeTable, ROWS_PER_PAGE } from './OutcomeTable';

afterEach(cleanup);

function rows(): BulkRecordRow[] {
  const all: BulkRecordRow[] = Array.from({ length: 450 }, (_, i) => ({
    id: String(1000 + i),
    name: `Account ${i}`,
    territoryIds: ['7'],
    outcome: { kind: 'removed' },
  }));
  all[3] = {
    id: '1003',
    name: 'Account 3',
    territoryIds: ['7'],
    outcome: { kind: 'error', code: 'INTERNAL_ERROR', status: 500 },
  };
  all[9] = { id: '1009', name: null, territoryIds: ['7'], outcome: { kind: 'locked' } };
  all[12] = { id: '1012', name: 'Account 12', territoryIds: ['7'], outcome: null };
  return all;
}

function bodyRows(): HTMLElement[] {
  return within(screen.getByRole('table')).getAllByRole('row').slice(1);
}

describe('OutcomeTable', () => {
  it('shows a page of rows and more on request', () => {
    render(<OutcomeTable rows={rows()} recordUrl={() => null} locale="en" />);
    expect(bodyRows()).toHaveLength(ROWS_PER_PAGE);
    expect(screen.getByText('Showing 200 of 450 records.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show 200 more' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(bodyRows()).toHaveLength(450);
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('filters by outcome, with counts, and names the code of a failure', () => {
    render(<OutcomeTable rows={rows()} recordUrl={(id) => `https://crm.zoho.eu/crm/tab/Leads/${id}`} />);
    const filter = screen.getByLabelText('Show') as HTMLSelectElement;
    expect([...filter.options].map((option) => option.textContent)).toEqual([
      'All (450)',
      'Needing attention (2)',
      'Removed (447)',
      'Record locked (1)',
      'Failed (1)',
      'Waiting (1)',
    ]);
    fireEvent.change(filter, { target: { value: 'attention' } });
    expect(bodyRows().map((row) => row.querySelector('th')?.textContent)).toEqual(['1003', '1009']);
    expect(bodyRows()[0]?.textContent).toContain('Code: INTERNAL_ERROR');
    expect(
      within(bodyRows()[1] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('https://crm.zoho.eu/crm/tab/Leads/1009');
    fireEvent.change(filter, { target: { value: 'waiting' } });
    expect(bodyRows().map((row) => row.textContent)).toEqual(['1012Account 12Waiting']);
  });
});
