// Vite plugin for the panel's injected code. Each record page runs that code in a fresh world,
// where V8 would pre-parse every function and then parse again each one the first render calls
// (nearly all of them). V8's explicit compile hint (Chrome 136+; https://v8.dev/blog/explicit-compile-hints)
// compiles the whole file at once instead; other engines read a comment. It must be the file's
// first line, so it is added after minification.
import type { Plugin } from 'vite';

export const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export function eagerCompile(): Plugin {
  return {
    name: 'territory-panel:eager-compile',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && output.isEntry) output.code = `${EAGER_COMPILE_HINT}\n${output.code}`;
      }
    },
  };
}
