// The string check: every word a user can see or hear comes from the catalogue (locales/). It
// parses the UI and logic sources and fails on JSX text, on an accessible name or hint written as
// a literal, and on any other string literal that reads like an English sentence or label. Each
// finding names the file, line and text to move into locales/<locale>/<namespace>.json (README,
// "Languages": adding a string).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Finding, findUntranslated, sourceFiles } from './string-check';

const ROOT = join(__dirname, '..', '..');
const CHECKED = ['components', 'utils', 'entrypoints'];

/**
 * Literals that look like words but are not ours to translate, each with its reason. Keep it
 * short: a new entry needs a reason a reviewer accepts.
 */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  ...['United States', 'Saudi Arabia'].map((text) => ({
    file: 'utils/data-centres.ts',
    text,
    why: 'the data centres’ English names for logs and the stand-in; the UI reads common.dataCentre.*',
  })),
  ...['components/bulk/bulk-api.ts', 'utils/send-request.ts'].map((file) => ({
    file,
    text: 'The background sent no answer.',
    why: 'a technical detail (ErrorInfo.message), shown after “Details:” beside the translated sentence',
  })),
  {
    file: 'components/options/ClientIdSection.tsx',
    text: '1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    why: 'the shape of a Zoho client id, the same in every language',
  },
  {
    file: 'components/options/ClientSetupSteps.tsx',
    text: 'api-console.zoho.com',
    why: 'the host name of Zoho’s API console, shown as the link’s text',
  },
];

/**
 * Files not converted yet, so that the check can run in CI meanwhile (none now). Remove a file as
 * soon as it is converted; the check fails on a listed file that has nothing left to convert, so
 * the list cannot go stale.
 */
const PENDING_CONVERSION: readonly string[] = [];

function allowed(finding: Finding): boolean {
  return ALLOWED.some((entry) => entry.file === finding.file && finding.text === entry.text);
}

function checkedFiles(): string[] {
  return CHECKED.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => relative(ROOT, path));
}

describe('the string check', () => {
  it('finds JSX text, accessible names and sentences written as literals', () => {
    const source = `
      import { x } from './words like these';
      type Kind = 'Not A Finding';
      const key = { 'Object Key Here': 1 };
      console.warn('Territory Panel could not show its panel');
      throw new Error('This browser cannot inject scripts.');
      const shown = <p title="Drag to move it">Loading territories…</p>;
      const named = <button aria-label={\`Remove territory \${name}\`} class="tp-button tp-quiet">×</button>;
      const sentence = 'Zoho did not answer in time.';
      const busy = removing ? 'Removing…' : 'Remove';
      const code = 'INVALID_TOKEN', path = 'content-scripts/zoho-crm.js', css = '.tp-row > .tp-name';
      const translated = <p>{t('panel.loading')}</p>;
    `;
    expect(findUntranslated(source, 'example.tsx').map(({ line, text, why }) => ({ line, text, why }))).toEqual([
      { line: 7, text: 'Drag to move it', why: 'accessible name or hint' },
      { line: 7, text: 'Loading territories…', why: 'JSX text' },
      { line: 8, text: 'Remove territory …', why: 'accessible name or hint' },
      { line: 9, text: 'Zoho did not answer in time.', why: 'sentence or label' },
      { line: 10, text: 'Removing…', why: 'sentence or label' },
    ]);
  });

  it('finds no user-facing string outside the catalogue in components/, utils/ and entrypoints/', () => {
    const findings = checkedFiles()
      .filter((file) => !PENDING_CONVERSION.includes(file))
      .flatMap((file) => findUntranslated(readFileSync(join(ROOT, file), 'utf8'), file))
      .filter((finding) => !allowed(finding));
    const report = findings.map((f) => `${f.file}:${f.line}  ${f.why}: "${f.text}"`).join('\n');
    expect(
      findings,
      `Move these into the catalogue (locales/en/<namespace>.json and every other locale; README, Languages):\n${report}\n`,
    ).toEqual([]);
  });

  it('lists as pending only files that still have strings to convert, and allows only literals that are there', () => {
    const files = checkedFiles();
    for (const file of PENDING_CONVERSION) {
      expect(files, `${file} is listed as pending but does not exist`).toContain(file);
      const left = findUntranslated(readFileSync(join(ROOT, file), 'utf8'), file).filter((f) => !allowed(f));
      expect(left.length, `${file} has nothing left to convert: take it off PENDING_CONVERSION`).toBeGreaterThan(0);
    }
    for (const entry of ALLOWED) {
      const found = findUntranslated(readFileSync(join(ROOT, entry.file), 'utf8'), entry.file);
      expect(
        found.some((f) => f.text === entry.text),
        `ALLOWED lists "${entry.text}" in ${entry.file}, which no longer has it`,
      ).toBe(true);
    }
  });
});
