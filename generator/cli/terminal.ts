/**
 * Text from documents reaches the terminal (titles, names, file names): a title holding
 * ESC ] … BEL can rename the terminal's window, ESC [ … sequences can move the cursor, hide text
 * or rewrite what was printed before. Everything the CLI prints passes through here first.
 */

/** ESC sequences whole (CSI, OSC up to BEL or ST, DCS/SOS/PM/APC up to ST, two-character escapes), and their 8-bit forms */
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|[\u0090\u0098\u009e\u009f][^\u001b\u009c]*(?:\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;
/** what is left: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what is shown */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text as it may be printed: escape sequences and control characters removed (tab and newline kept). */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(ESCAPE_SEQUENCE, "").replace(CONTROL, "");
}

/** One-line fields (a table cell, a title in a message): also no newline or tab. */
export function oneLine(text: string): string {
  return terminalSafe(text).replace(/[\t\n]+/g, " ");
}

/**
 * JSON for the terminal: the same data, exactly, with every character a terminal could act on
 * written as a \u escape (JSON.stringify already escapes C0; this adds DEL, C1 and the bidi
 * controls), so `--json` output is safe to print and still parses to the same strings.
 */
export function toJson(value: unknown, indent: number | undefined = 2): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
