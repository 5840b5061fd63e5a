// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInEnglish as render } from '@/components/test-i18n';
import type { BulkRecordRow } from '@/utils/bulk/progress';
import { OutcomeTable } from './OutcomeTable';
import { WINDOWED_ROW_HEIGHT as OUTCOME_ROW_HEIGHT } from './WindowedTable';

afterEach(cleanup);

function rows(count = 450): BulkRecordRow[] {
  const all: BulkRecordRow[] = Array.from({ length: count }, (_, i) => ({
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

async function scrollTo(top: number): Promise<void> {
  const view = screen.getByRole('region', { name: 'Outcome of each record, scrollable' });
  view.scrollTop = top;
  fireEvent.scroll(view);
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

describe('OutcomeTable', () => {
  it('renders only the rows in view of 100,000, and the rows under any scroll position', async () => {
    const { container } = render(<OutcomeTable rows={rows(100_000)} recordUrl={() => null} />);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('100001');
    expect(bodyRows().length).toBeLessThan(40);
    expect(container.querySelectorAll('*').length).toBeLessThan(400);
    expect(bodyRows()[0]?.textContent).toBe('1000Account 0RemovedThe territories were removed.');

    await scrollTo(OUTCOME_ROW_HEIGHT * 50_000);
    const shown = bodyRows().map((row) => row.querySelector('th')?.textContent);
    expect(shown).toContain('51000');
    expect(shown).not.toContain('1000');
    const row = bodyRows().find((r) => r.querySelector('th')?.textContent === '51000');
    expect(row?.getAttribute('aria-rowindex')).toBe('50002');

    await scrollTo(OUTCOME_ROW_HEIGHT * 100_000);
    expect(bodyRows().at(-1)?.querySelector('th')?.textContent).toBe('100999');
  });

  it('filters by outcome, with counts, names the code of a failure, and goes back to the top', async () => {
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
    await scrollTo(OUTCOME_ROW_HEIGHT * 300);
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
    expect(screen.getByText('1 record')).toBeTruthy();
  });
});
