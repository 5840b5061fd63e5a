import { describe, expect, it } from 'vitest';
import { EAGER_COMPILE_HINT, eagerCompile } from './eager-compile';

type Bundle = Record<string, { type: 'chunk' | 'asset'; isEntry?: boolean; code?: string; source?: string }>;

function generate(bundle: Bundle): Bundle {
  const hook = eagerCompile().generateBundle as unknown as (options: unknown, bundle: Bundle) => void;
  hook({}, bundle);
  return bundle;
}

describe('eagerCompile', () => {
  it('puts the hint on the first line of the entry chunk, before the code', () => {
    const bundle = generate({
      'content-scripts/zoho-crm.js': { type: 'chunk', isEntry: true, code: '(function(){})();' },
    });
    expect(bundle['content-scripts/zoho-crm.js']?.code).toBe(`${EAGER_COMPILE_HINT}\n(function(){})();`);
  });

  it('leaves other chunks and assets alone', () => {
    const bundle = generate({
      'chunks/lazy.js': { type: 'chunk', isEntry: false, code: 'export{}' },
      'content-scripts/zoho-crm.css': { type: 'asset', source: 'a{}' },
    });
    expect(bundle['chunks/lazy.js']?.code).toBe('export{}');
    expect(bundle['content-scripts/zoho-crm.css']?.source).toBe('a{}');
  });
});
