// The extension in other languages: the panel speaks the Zoho page's language (German, Arabic laid
// out right to left), extension pages the browser's. "No English left" is judged against the
// English catalogue itself: no phrase of it that the other language words differently may show.
import { type CompiledMessage, compileMessage } from '@lingui/message-utils/compileMessage';
import { ORGS, RECORDS } from '../../../sandbox/scenarios/default';
import { catalogueFile, translatorFromFiles } from '../../../scripts/catalogue-files';
import { type Namespace, PAGE_NAMESPACES } from '../../../utils/i18n/catalogue';
import type { Locale } from '../../../utils/i18n/locales';
import type { Translator } from '../../../utils/i18n/translator';
import type { BrowserTab } from '../harness/driver';
import type { UiWords } from '../harness/in-page';
import { waitFor } from '../harness/wait';
import {
  acceptConsent,
  BOTH,
  CHROMIUM_ONLY,
  expect,
  expectPanelToMatchStandIn,
  type Journey,
  pages,
  rowNamed,
  rows,
  waitForPanelText,
  waitForRows,
} from './context';
import { expectNothingCovered } from './panel';

/** The literal text of a message: what is left between its placeholders, in every plural branch. */
function literals(tokens: CompiledMessage, into: string[] = []): string[] {
  for (const token of tokens) {
    if (typeof token === 'string') {
      into.push(token);
      continue;
    }
    const format = token[2];
    if (format && typeof format === 'object') {
      for (const [form, branch] of Object.entries(format as Record<string, unknown>)) {
        if (form !== 'offset' && Array.isArray(branch)) literals(branch as CompiledMessage, into);
      }
    }
  }
  return into;
}

/**
 * English phrases of these namespaces that show in `words` although `locale` words them
 * differently: "panel.remove: "Remove territory "". Fragments under four letters are left out
 * (they would match inside any word), and so is a fragment the other language uses too.
 */
function englishLeftOvers(
  words: UiWords,
  locale: Locale,
  namespaces: readonly Namespace[],
  zohoData: readonly string[] = [],
): string[] {
  let shown = [words.text, ...words.names].join('\n');
  for (const data of zohoData) shown = shown.replaceAll(data, '');
  const found: string[] = [];
  for (const namespace of namespaces) {
    const english = catalogueFile('en', namespace);
    const other = catalogueFile(locale, namespace);
    for (const [key, message] of Object.entries(english)) {
      const theirs = other[key] ?? '';
      if (theirs === message) continue;
      for (const fragment of literals(compileMessage(message))) {
        const phrase = fragment.trim();
        if (phrase.length < 4 || !/\p{L}{3}/u.test(phrase) || theirs.includes(phrase)) continue;
        if (shown.includes(phrase)) found.push(`${namespace}.${key}: "${phrase}"`);
      }
    }
  }
  return found;
}

async function uiWords(tab: BrowserTab, host?: string): Promise<UiWords> {
  return waitFor('the UI’s words', async () => tab.uiWords(host));
}

/** An extension page's words once it has loaded what it shows: the same text twice, 300 ms apart. */
async function settledPageWords(tab: BrowserTab, lang: string): Promise<UiWords> {
  let last = '';
  return waitFor(
    `the page in ${lang}, settled`,
    async () => {
      const words = await tab.uiWords('');
      const same = words !== null && words.lang === lang && words.text.length > 0 && words.text === last;
      last = words?.text ?? '';
      return same ? words : null;
    },
    { intervalMs: 300 },
  );
}

/** What the options page says must come from the catalogue. */
const OPTIONS_NAMESPACES: readonly Namespace[] = ['common', 'errors', 'language', 'options'];

async function signInInLanguage(context: Parameters<Journey['run']>[0], url: string, words: Translator) {
  const { browser, tab } = context;
  await tab.goto(url);
  await waitForPanelText(tab, words.t('panel.signIn'));
  await acceptConsent(browser, () => tab.clickPanelButton(words.t('panel.signIn')));
  return rows(tab);
}

/** Zoho's data on the pages used, not our words: the territory Europe shares the EU data centre's English name. */
const ZOHO_DATA = ['Europe'];

const de = translatorFromFiles('de');
const ar = translatorFromFiles('ar');

export const LANGUAGE_JOURNEYS: Journey[] = [
  {
    name: 'languages: on a Zoho page whose <html lang> is de the panel speaks German — landmark, buttons, rows, errors, Undo — and no English is left',
    browsers: BOTH,
    async run(context) {
      const { tab, control } = context;
      const listed = await signInInLanguage(context, `${pages.alpine}?lang=de`, de);
      expect(rowNamed(listed, 'Germany')?.text).toMatch(/manuell · Anna Schmidt · \d{2}\.\d{2}\.\d{4}/);
      expect(rowNamed(listed, 'DACH')?.text).toContain(de.t('panel.assignedByRules'));
      expect(await tab.hasPanelControl(de.t('panel.removeNamed', { name: 'Germany' }))).toBe(true);
      expect(await tab.hasPanelControl(de.t('common.refresh'))).toBe(true);

      const listWords = await uiWords(tab);
      expect(listWords.lang).toBe('de');
      expect(listWords.dir).toBe('ltr');
      expect(listWords.names).toContain(de.t('panel.landmark'));
      expect(listWords.names).toContain(de.t('panel.collapse'));
      expect(englishLeftOvers(listWords, 'de', PAGE_NAMESPACES, ZOHO_DATA)).toEqual([]);

      // A removal Zoho fails: the row's error in German, with Zoho's code as it is.
      await control.addFault({ kind: 'server-error', method: 'POST', path: 'remove_territories', times: 1 });
      await tab.clickPanelButton(de.t('panel.removeNamed', { name: 'Germany' }));
      const failed = await waitForRows(tab, 'the German INTERNAL_ERROR on Germany', (r) =>
        Boolean(rowNamed(r, 'Germany')?.text.includes(de.t('errors.INTERNAL_ERROR'))),
      );
      expect(rowNamed(failed, 'Germany')?.text).toContain('Code: INTERNAL_ERROR (HTTP 500)');
      expect(englishLeftOvers(await uiWords(tab), 'de', PAGE_NAMESPACES, ZOHO_DATA)).toEqual([]);

      // Retried, it goes: the Undo row and the reload note in German too, and Zoho holds no Germany.
      await tab.clickPanelButton(de.t('common.retry'));
      await waitForPanelText(tab, de.t('panel.undoRemoved', { name: 'Germany' }));
      await waitForPanelText(tab, de.t('panel.staleNote'));
      expect(await tab.hasPanelControl(de.t('panel.undoNamed', { name: 'Germany' }))).toBe(true);
      expect(englishLeftOvers(await uiWords(tab), 'de', PAGE_NAMESPACES, ZOHO_DATA)).toEqual([]);
      await expectPanelToMatchStandIn(context, ORGS.euMain, 'Accounts', RECORDS.alpineAccount);
      const held = await control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount);
      expect(held.territories.map((territory) => territory.name)).not.toContain('Germany');
    },
  },
  {
    name: 'languages: on a Zoho page in Arabic the panel is laid out right to left, docked on the left edge, covers nothing and axe finds nothing',
    browsers: BOTH,
    async run(context) {
      const { tab } = context;
      await tab.setViewport(1366, 768);
      await signInInLanguage(context, `${pages.alpine}?lang=ar`, ar);
      const words = await uiWords(tab);
      expect(words.lang).toBe('ar');
      expect(words.dir).toBe('rtl');
      expect(words.names).toContain(ar.t('panel.landmark'));
      expect(englishLeftOvers(words, 'ar', PAGE_NAMESPACES, ZOHO_DATA)).toEqual([]);

      const measured = await expectNothingCovered(tab, 'Arabic, 1366×768');
      expect(measured.panel.edge).toBe('left');
      expect(measured.panel.dock.left).toBe(0);
      expect(await tab.axe(), 'axe over the Arabic panel').toEqual([]);

      await tab.clickPanelButton(ar.t('panel.collapse'));
      await waitFor('the collapsed tab', async () => (await tab.geometry()).panel?.collapsed === true);
      const collapsed = await expectNothingCovered(tab, 'Arabic, collapsed');
      expect(collapsed.panel.dock.left).toBe(0);
      expect(await tab.axe(), 'axe over the collapsed Arabic panel').toEqual([]);
    },
  },
  {
    name: 'languages: in a German browser the options and bulk pages speak German, while the panel follows the Zoho page’s own language',
    browsers: CHROMIUM_ONLY,
    language: 'de',
    async run(context) {
      const { browser, tab } = context;
      // The stand-in's page says lang="en": the panel speaks the page's language, not the browser's.
      await tab.goto(pages.alpine);
      await waitForPanelText(tab, 'Sign in to Zoho CRM');

      await tab.goto(`${browser.extensionOrigin}/options.html`);
      const options = await settledPageWords(tab, 'de');
      expect(englishLeftOvers(options, 'de', OPTIONS_NAMESPACES)).toEqual([]);

      await tab.goto(`${browser.extensionOrigin}/bulk.html`);
      const bulk = await settledPageWords(tab, 'de');
      expect(bulk.text).toContain(de.t('bulk.title'));
      expect(bulk.text).toContain(de.t('bulk.where'));
      expect(englishLeftOvers(bulk, 'de', ['bulk', 'common', 'errors'])).toEqual([]);
    },
  },
  {
    name: 'languages: in a German Firefox the options page opened from the panel’s sidebar notice speaks German',
    browsers: ['firefox'],
    language: 'de',
    async run(context) {
      const { browser, tab } = context;
      await signInInLanguage(context, pages.alpine, translatorFromFiles('en'));
      await tab.clickPanelButton("Move to the browser's sidebar");
      await waitForPanelText(tab, 'opens its sidebar only from its own controls');
      const optionsWindow = browser.nextWindow();
      await tab.clickPanelButton('Open options');
      const options = await optionsWindow;
      const words = await settledPageWords(options, 'de');
      expect(englishLeftOvers(words, 'de', OPTIONS_NAMESPACES)).toEqual([]);
    },
  },
];
