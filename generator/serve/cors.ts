import { isOwnOrigin, type ServerNames } from "./hosts";

/**
 * CORS: the task pane is served from this server's own origin, in desktop Excel and in Office on
 * the web alike (there it runs in an iframe of our origin), so its requests are same-origin. The
 * only other origins allowed are Office's own hosts, each named exactly: a pattern such as
 * *.sharepoint.com would admit pages that any Microsoft 365 tenant can publish.
 */
export const OFFICE_ORIGINS: ReadonlySet<string> = new Set([
  "https://excel.officeapps.live.com",
  "https://office.live.com",
  "https://www.office.com",
]);

export function originAllowed(origin: string, names: ServerNames): boolean {
  return OFFICE_ORIGINS.has(origin) || isOwnOrigin(origin, names);
}

export const CORS_HEADERS = {
  "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, Content-Type",
  "Access-Control-Expose-Headers": "ETag",
  "Access-Control-Max-Age": "600",
};
