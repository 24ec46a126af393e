/**
 * The add-in manifest names the service's address (https://localhost:3000 in development). A
 * service on another port or host serves, and the CLI writes, a copy that names its own address,
 * so that what Excel loads follows the port the clerk chose.
 */
import { existsSync, readFileSync } from "node:fs";

export const DEV_ORIGIN = "https://localhost:3000";

/** The manifest's XML with the development address replaced by `origin` (no trailing slash). */
export function manifestFor(xml: string, origin: string): string {
  return origin === DEV_ORIGIN ? xml : xml.split(DEV_ORIGIN).join(origin);
}

/** The first manifest that exists among `candidates`, rewritten for `origin`, or null. */
export function readManifestFor(candidates: Array<string | null | undefined>, origin: string): string | null {
  for (const path of candidates) if (path && existsSync(path)) return manifestFor(readFileSync(path, "utf8"), origin);
  return null;
}
