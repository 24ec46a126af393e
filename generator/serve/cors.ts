/**
 * CORS: the add-in is served from this origin, and Office (on the web) hosts the task pane in
 * frames on Microsoft's domains. Nobody else may read the API from a browser.
 */
const OFFICE_HOSTS = /^https:\/\/([a-z0-9-]+\.)*(office\.com|office365\.com|officeapps\.live\.com|office\.net|sharepoint\.com|onenote\.com|outlook\.com)$/i;

export function ownOrigins(scheme: "http" | "https", port: number, host: string | undefined): string[] {
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  if (host && host !== "0.0.0.0" && host !== "::") names.add(host.includes(":") ? `[${host}]` : host);
  return [...names].map((name) => `${scheme}://${name}:${port}`);
}

export function originAllowed(origin: string, own: readonly string[]): boolean {
  return own.includes(origin.toLowerCase()) || OFFICE_HOSTS.test(origin);
}

export const CORS_HEADERS = {
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, Content-Type",
  "Access-Control-Expose-Headers": "ETag",
  "Access-Control-Max-Age": "600",
};
