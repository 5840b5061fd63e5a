// Every failure of a background operation is a ZohoApiError, so the message layer can always
// answer with an ErrorInfo instead of an exception or an `undefined` deep in the UI.
import type { ErrorInfo } from '../messaging';

export class ZohoApiError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: string,
    options: { status?: number; message?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'ZohoApiError';
    this.code = code;
    this.status = options.status;
    this.details = options.details;
  }

  toErrorInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code };
    if (this.status !== undefined) info.status = this.status;
    if (this.message !== this.code) info.message = this.message;
    return info;
  }
}

export function invalidResponse(status: number | undefined, message: string): ZohoApiError {
  return new ZohoApiError('INVALID_RESPONSE', { status, message });
}

export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof ZohoApiError) return error.toErrorInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INVALID_RESPONSE', message };
}
