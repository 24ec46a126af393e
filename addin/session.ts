/**
 * The one connection of the add-in: the service client and the worksheet functions' batcher. The
 * pane and the custom functions run in one shared runtime (manifest: Runtimes), import this module
 * and so share the service address, the timeout, the ETag cache and the functions' answers.
 */
import { PlanbookApi, storedBaseUrl, storedTimeoutSeconds } from "./api/client";
import { LookupBatcher } from "./functions/batch";

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // some locked-down Office webviews refuse storage; the pane then uses its own origin
  }
}

export const storage = safeLocalStorage();
export const api = new PlanbookApi(storedBaseUrl(storage));
api.timeoutMs = storedTimeoutSeconds(storage) * 1000;
export const batcher = new LookupBatcher((lookups) => api.lookup(lookups));
