// WXT (0.21.4) ends a content script's context when the document receives a CustomEvent named
// `<extension id>:<script name>:wxt:content-script-started` whose detail names the same script with
// another messageId: that is how a newly injected copy stops the old one. A page script can dispatch
// it too (the id is public and the detail crosses worlds), switching the panel off until a reload.
// WXT has no option against it, so the context's check is narrowed: a start event ends this context
// only when this copy's extension runtime is gone (the extension was reloaded or updated), which is
// the one case where another copy legitimately takes over.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export function isExtensionRuntimeAlive(): boolean {
  return browser.runtime?.id != null;
}

/** Makes `ctx` ignore start events while this copy's runtime lives. Call first thing in `main`. */
export function ignoreForgedStarts(ctx: ContentScriptContext, runtimeAlive = isExtensionRuntimeAlive): void {
  const fromAnotherCopy = ctx.verifyScriptStartedEvent.bind(ctx);
  ctx.verifyScriptStartedEvent = (event) => fromAnotherCopy(event) && !runtimeAlive();
}
