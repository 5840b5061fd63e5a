import { describe, expect, it, vi } from 'vitest';
import { type LoaderEnvironment, needsPanel, runLoader } from './needs-panel';

const ORG = 'https://crm.zoho.eu/crm/org20079833178';

describe('needsPanel', () => {
  it.each([
    [`${ORG}/tab/Accounts/407625000068467001`, true],
    [`${ORG}/tab/Potentials/407625000068467001`, true],
    [`${ORG}/tab/Leads`, true],
    [`${ORG}/tab/Contacts/custom-view/4076250000000/list`, true],
    ['https://crmsandbox.zoho.com/crm/acme/tab/Leads/1', true],
    [`${ORG}/tab/Home/begin`, false],
    [`${ORG}/tab/Cases/407625000068467001`, false],
    [`${ORG}/tab/Accounts/create`, false],
    [`${ORG}/tab/Accounts/407625000068467001/edit`, false],
    [`${ORG}/settings/territories`, false],
  ])('%s: %s', (url, expected) => {
    expect(needsPanel(url)).toBe(expected);
  });
});

function environment(start: string) {
  let href = start;
  let listener: (() => void) | null = null;
  const stop = vi.fn(() => {
    listener = null;
  });
  const env = {
    href: () => href,
    watchNavigation: vi.fn((onChange: () => void) => {
      listener = onChange;
      return stop;
    }),
    load: vi.fn(),
  } satisfies LoaderEnvironment;
  const navigate = (url: string) => {
    href = url;
    listener?.();
  };
  return { env, navigate, stop };
}

describe('runLoader', () => {
  it('loads at once on a record page, and watches nothing', () => {
    const { env } = environment(`${ORG}/tab/Accounts/1`);
    runLoader(env);
    expect(env.load).toHaveBeenCalledOnce();
    expect(env.watchNavigation).not.toHaveBeenCalled();
  });

  it('on other pages waits for an in-app move to a record or list, loads once and stops watching', () => {
    const { env, navigate, stop } = environment(`${ORG}/tab/Home/begin`);
    runLoader(env);
    expect(env.load).not.toHaveBeenCalled();
    navigate(`${ORG}/tab/Reports`);
    expect(env.load).not.toHaveBeenCalled();
    navigate(`${ORG}/tab/Deals`);
    navigate(`${ORG}/tab/Potentials`);
    expect(env.load).toHaveBeenCalledOnce();
    expect(stop).toHaveBeenCalledOnce();
  });
});
