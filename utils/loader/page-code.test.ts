import { describe, expect, it, vi } from 'vitest';
import { type LoaderEnvironment, type PageCode, pageCodeFor, runLoader } from './page-code';

const ORG = 'https://crm.zoho.eu/crm/org20079833178';

describe('pageCodeFor', () => {
  it.each<[string, PageCode | null]>([
    [`${ORG}/tab/Accounts/407625000068467001`, 'panel'],
    [`${ORG}/tab/Potentials/407625000068467001`, 'panel'],
    ['https://crmsandbox.zoho.com/crm/acme/tab/Leads/1', 'panel'],
    [`${ORG}/tab/Leads`, 'selection'],
    [`${ORG}/tab/Contacts/custom-view/4076250000000/list`, 'selection'],
    [`${ORG}/tab/Home/begin`, null],
    [`${ORG}/tab/Cases/407625000068467001`, null],
    [`${ORG}/tab/Accounts/create`, null],
    [`${ORG}/tab/Accounts/407625000068467001/edit`, null],
    [`${ORG}/settings/territories`, null],
  ])('%s: %s', (url, expected) => {
    expect(pageCodeFor(url)).toBe(expected);
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
    load: vi.fn<(code: PageCode) => void>(),
  } satisfies LoaderEnvironment;
  const navigate = (url: string) => {
    href = url;
    listener?.();
  };
  return { env, navigate, stop };
}

describe('runLoader', () => {
  it('asks for the panel at once on a record page, and keeps watching for a list view', () => {
    const { env, navigate, stop } = environment(`${ORG}/tab/Accounts/1`);
    runLoader(env);
    expect(env.load.mock.calls).toEqual([['panel']]);
    navigate(`${ORG}/tab/Accounts/2`);
    navigate(`${ORG}/tab/Home/begin`);
    expect(env.load.mock.calls).toEqual([['panel']]);
    expect(stop).not.toHaveBeenCalled();
    navigate(`${ORG}/tab/Accounts`);
    expect(env.load.mock.calls).toEqual([['panel'], ['selection']]);
    expect(stop).toHaveBeenCalledOnce();
  });

  it('on other pages waits for an in-app move, and asks for each code once', () => {
    const { env, navigate, stop } = environment(`${ORG}/tab/Home/begin`);
    runLoader(env);
    expect(env.load).not.toHaveBeenCalled();
    navigate(`${ORG}/tab/Reports`);
    expect(env.load).not.toHaveBeenCalled();
    navigate(`${ORG}/tab/Deals`);
    navigate(`${ORG}/tab/Potentials`);
    navigate(`${ORG}/tab/Leads`);
    expect(env.load.mock.calls).toEqual([['selection']]);
    navigate(`${ORG}/tab/Potentials/1`);
    navigate(`${ORG}/tab/Leads/2`);
    expect(env.load.mock.calls).toEqual([['selection'], ['panel']]);
    expect(stop).toHaveBeenCalledOnce();
  });
});
