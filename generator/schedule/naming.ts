/**
 * The placeholders a job may use in its output path, mail subject and mail body:
 * {region}, {period}, {date}, {time}, {job}. One implementation for all three so a name that
 * works in the subject works in the file name too.
 */
export const PLACEHOLDERS = ["region", "period", "date", "time", "job"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type NameValues = Record<Placeholder, string>;

const PLACEHOLDER_PATTERN = /\{([^{}\s]*)\}/g;

/** The placeholders a template uses that Planbook does not know, so a typo fails when the jobs file loads, not on the 25th. */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1])) unknown.add(`{${match[1]}}`);
  }
  return [...unknown];
}

export function fillTemplate(template: string, values: NameValues): string {
  return template.replace(PLACEHOLDER_PATTERN, (whole, key: string) =>
    (PLACEHOLDERS as readonly string[]).includes(key) ? values[key as Placeholder] : whole,
  );
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** An HTML mail body: the values come from documents, so they are escaped, never read as markup. */
export function fillHtmlTemplate(template: string, values: NameValues): string {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])])) as NameValues;
  return fillTemplate(template, escaped);
}

/**
 * Values substituted into a path must not add directories or characters Windows refuses,
 * since a region or period comes from the document, not from the person writing the job.
 */
export function safeForFileName(value: string): string {
  // trim first, so " .." cannot become ".." after the spaces go; Windows refuses trailing dots and spaces
  const cleaned = value
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_")
    .trim()
    .replace(/^\.+/, "_")
    .replace(/[. ]+$/, "_");
  return cleaned || "_";
}

export function fillOutputPath(template: string, values: NameValues): string {
  const safe = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, safeForFileName(v)])) as NameValues;
  return fillTemplate(template, safe);
}

/** {date} and {time} are read on the job's clock (Asia/Shanghai by default), not the server's. */
export function dateAndTimeIn(timeZone: string, at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}${parts.minute}${parts.second}` };
}

/** True when the runtime knows the IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}
