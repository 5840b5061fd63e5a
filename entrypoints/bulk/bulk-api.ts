import { browser } from 'wxt/browser';
import { type BulkApi, createBulkApi } from '@/components/bulk/bulk-api';
import { sendRequest } from '@/utils/send-request';

/** Hands `text` to the browser as a download. The BOM makes spreadsheets read it as UTF-8. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createBulkPageApi(): BulkApi {
  return createBulkApi(
    (message) => browser.runtime.sendMessage(message),
    {
      connections: () => sendRequest({ type: 'auth.connections' }),
      signIn: (dataCentre) => sendRequest({ type: 'auth.signIn', dataCentre }),
    },
    downloadText,
  );
}
