// Vite plugin: each catalogue file (locales/<locale>/<namespace>.json) reaches the bundle with its
// ICU messages already compiled, so the extension carries Lingui's small runtime and not its
// MessageFormat parser. A message that does not parse fails the build.
import { readFile } from 'node:fs/promises';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';
import { countVariable } from '../utils/i18n/count-variable';

const CATALOGUE_FILE = /[\\/]locales[\\/][A-Za-z-]+[\\/][a-z-]+\.json$/;

type Token = string | [string, string?, Record<string, unknown>?];

function withCountVariables(tokens: unknown, plural: string | null): unknown {
  if (!Array.isArray(tokens)) return tokens;
  return (tokens as Token[]).map((token) => {
    if (token === '#' && plural !== null) return [countVariable(plural)];
    if (!Array.isArray(token)) return token;
    const [name, type, cases] = token;
    if (!cases || (type !== 'plural' && type !== 'selectordinal' && type !== 'select')) return token;
    const inner = type === 'select' ? plural : name;
    return [
      name,
      type,
      Object.fromEntries(Object.entries(cases).map(([key, value]) => [key, withCountVariables(value, inner)])),
    ];
  });
}

export function compileCatalogue(source: Record<string, unknown>, file: string): Record<string, unknown> {
  const compiled: Record<string, unknown> = {};
  for (const [key, message] of Object.entries(source)) {
    if (typeof message !== 'string') throw new Error(`${file}: ${key} is not a string`);
    try {
      const tokens = withCountVariables(compileMessageOrThrow(message), null) as unknown[];
      // Plain text too stays a token list: Lingui takes a string for an uncompiled message and
      // console.warns about it on every call, on Zoho's page.
      compiled[key] = tokens;
    } catch (error) {
      throw new Error(`${file}: ${key} is not a valid ICU message: ${String(error)}`);
    }
  }
  return compiled;
}

export function compiledCatalogues(): Plugin {
  return {
    name: 'territory-panel:compiled-catalogues',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0] ?? id;
      if (!CATALOGUE_FILE.test(file)) return null;
      const source = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      return JSON.stringify(compileCatalogue(source, file));
    },
  };
}
