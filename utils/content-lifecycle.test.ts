// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ignoreForgedStarts } from './content-lifecycle';

const SCRIPT = 'zoho-crm';
const contexts: ContentScriptContext[] = [];

/** What a page script can dispatch: WXT's start event for this script, with a messageId of its own. */
function forgeStart(): void {
  const name = `${fakeBrowser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
  document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: SCRIPT, messageId: 'forged' } }));
}

function started(guard: boolean, runtimeAlive = () => true): ContentScriptContext {
  const ctx = new ContentScriptContext(SCRIPT, { noScriptStartedPostMessage: true });
  if (guard) ignoreForgedStarts(ctx, runtimeAlive);
  contexts.push(ctx);
  return ctx;
}

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.abort('test over');
});

describe('ignoreForgedStarts', () => {
  it('is needed: without it a forged start event ends WXT’s context', () => {
    const ctx = started(false);
    forgeStart();
    expect(ctx.signal.aborted).toBe(true);
  });

  it('keeps the context alive through a forged start event while the extension runs', () => {
    const ctx = started(true);
    forgeStart();
    expect(ctx.signal.aborted).toBe(false);
  });

  it('still hands over to a new copy once this copy’s extension runtime is gone', () => {
    let alive = true;
    const ctx = started(true, () => alive);
    alive = false;
    started(false);
    expect(ctx.signal.aborted).toBe(true);
  });
});
