// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInEnglish as render } from '@/components/test-i18n';
import type { ListSelection } from '@/utils/list-selection';
import type { Result } from '@/utils/messaging';
import { SelectionBar, type SelectionBarProps } from './SelectionBar';

const A = '407625000068467001';
const B = '407625000068467002';
const C = '407625000068467003';
const UNREADABLE =
  'Territory Panel cannot read the selection on this page. Open the bulk page and paste the record ids.';

function fakeOpen(result: Result<null> = { ok: true, value: null }) {
  return vi.fn<SelectionBarProps['openBulkPage']>(async () => result);
}

function show(selection: ListSelection, openBulkPage = fakeOpen()) {
  const view = render(<SelectionBar selection={selection} openBulkPage={openBulkPage} />);
  return { ...view, openBulkPage };
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

afterEach(cleanup);

describe('SelectionBar', () => {
  it('shows nothing without a selection', () => {
    const { container } = show({ recordIds: [], unreadable: 0 });
    expect(container.innerHTML).toBe('');
  });

  it('names itself as a Territory Panel region and counts the selected records', () => {
    show({ recordIds: [A, B, C], unreadable: 0 });
    expect(screen.getByRole('region', { name: 'Territory Panel' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove territories from 3 selected records' })).toBeTruthy();
    expect(screen.queryByText(UNREADABLE)).toBeNull();
  });

  it('takes the colours of the CRM page it is on', () => {
    render(<SelectionBar selection={{ recordIds: [A], unreadable: 0 }} theme="dark" openBulkPage={fakeOpen()} />);
    expect(screen.getByRole('region', { name: 'Territory Panel' }).getAttribute('data-theme')).toBe('dark');
  });

  it('says “record” for one', () => {
    show({ recordIds: [A], unreadable: 0 });
    expect(screen.getByRole('button', { name: 'Remove territories from 1 selected record' })).toBeTruthy();
  });

  it('updates the count as the selection changes', () => {
    const openBulkPage = fakeOpen();
    const { rerender } = show({ recordIds: [A], unreadable: 0 }, openBulkPage);
    rerender(<SelectionBar selection={{ recordIds: [A, B], unreadable: 0 }} openBulkPage={openBulkPage} />);
    expect(screen.getByRole('button', { name: 'Remove territories from 2 selected records' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove territories from 1 selected record' })).toBeNull();
  });

  it('sends one request with the selected ids on click', async () => {
    const { openBulkPage } = show({ recordIds: [A, C], unreadable: 0 });
    fireEvent.click(screen.getByRole('button', { name: 'Remove territories from 2 selected records' }));
    await settle();
    expect(openBulkPage).toHaveBeenCalledExactlyOnceWith([A, C]);
  });

  it('opens one tab for a double click while the first request is under way', async () => {
    let answer: (result: Result<null>) => void = () => undefined;
    const openBulkPage = vi.fn<SelectionBarProps['openBulkPage']>(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    show({ recordIds: [A], unreadable: 0 }, openBulkPage);
    const button = screen.getByRole('button', { name: 'Remove territories from 1 selected record' });
    fireEvent.click(button);
    fireEvent.click(button);
    await settle();
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(openBulkPage).toHaveBeenCalledTimes(1);
    answer({ ok: true, value: null });
    await settle();
    expect(button.getAttribute('aria-busy')).toBeNull();
    fireEvent.click(button);
    await settle();
    expect(openBulkPage).toHaveBeenCalledTimes(2);
  });

  it('says plainly when checked rows carry no readable id, and opens the bulk page empty', async () => {
    const { openBulkPage } = show({ recordIds: [], unreadable: 2 });
    expect(screen.getByText(UNREADABLE)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove territories/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open the bulk page' }));
    await settle();
    expect(openBulkPage).toHaveBeenCalledExactlyOnceWith([]);
  });

  it('counts rows it could not read beside those it could', () => {
    show({ recordIds: [A, B], unreadable: 1 });
    expect(screen.getByRole('button', { name: 'Remove territories from 2 selected records' })).toBeTruthy();
    expect(screen.getByText(/1 more selected row could not be read/)).toBeTruthy();
    expect(screen.queryByText(UNREADABLE)).toBeNull();
  });

  it('says when the bulk page could not be opened, and lets the user try again', async () => {
    const openBulkPage = fakeOpen({ ok: false, error: { code: 'EXTENSION_RESTARTED' } });
    show({ recordIds: [A], unreadable: 0 }, openBulkPage);
    fireEvent.click(screen.getByRole('button', { name: 'Remove territories from 1 selected record' }));
    await settle();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'Territory Panel could not open the bulk page. Reload this page and try again.',
    );
    expect(alert.textContent).toContain('Code: EXTENSION_RESTARTED');
    openBulkPage.mockResolvedValueOnce({ ok: true, value: null });
    fireEvent.click(screen.getByRole('button', { name: 'Remove territories from 1 selected record' }));
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('renders what it is told as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = show({ recordIds: [A], unreadable: 0 }, fakeOpen({ ok: false, error: { code: hostile } }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove territories from 1 selected record' }));
    await settle();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain(`Code: ${hostile}`);
  });
});
