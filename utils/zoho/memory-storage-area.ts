// storage.local / storage.session in memory, for tests and benchmarks; never bundled. `set` and
// `get` copy, as the browser's do.
import type { StorageArea } from './storage-area';

export function memoryStorageArea(): StorageArea & { readonly data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const list = (keys: string | string[]): string[] => (Array.isArray(keys) ? keys : [keys]);
  return {
    data,
    get: async (keys) => {
      const found: Record<string, unknown> = {};
      for (const key of list(keys)) if (data.has(key)) found[key] = structuredClone(data.get(key));
      return found;
    },
    set: async (items) => {
      for (const [key, value] of Object.entries(structuredClone(items))) data.set(key, value);
    },
    remove: async (keys) => {
      for (const key of list(keys)) data.delete(key);
    },
  };
}
