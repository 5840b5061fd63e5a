// Sends one protocol request to the background. The answer is always a Result: when the message
// cannot travel (the extension was reloaded or updated and this context is orphaned, the service
// worker restarted mid-request and closed the port, nobody is listening yet) the caller gets
// EXTENSION_RESTARTED instead of an exception.
import { browser } from 'wxt/browser';
import type { ErrorInfo, Request, ResponseFor } from './messaging';

export function isResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

export function restarted(message: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code: 'EXTENSION_RESTARTED', message } };
}

export async function sendRequest<R extends Request>(request: R): Promise<ResponseFor<R>> {
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(request);
  } catch (error) {
    return restarted(error instanceof Error ? error.message : String(error)) as ResponseFor<R>;
  }
  // No answer at all: the message reached no handler (a worker that had just restarted).
  if (!isResult(answer)) return restarted('The background sent no answer.') as ResponseFor<R>;
  return answer as ResponseFor<R>;
}
