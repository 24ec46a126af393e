/**
 * Zip writers stamp every entry with the time of writing, so two renders of the same Plan differ
 * byte for byte. Overwrite those stamps in place (no recompression, so it costs nothing at 100 000
 * rows) with the report's generated-at time, which makes the output reproducible.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EXTENDED_TIMESTAMP = 0x5455;

function dosTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function patchExtra(buf: Buffer, start: number, length: number, unix: number): void {
  let p = start;
  while (p + 4 <= start + length) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === EXTENDED_TIMESTAMP && size >= 5) {
      const flags = buf.readUInt8(p + 4);
      let q = p + 5;
      for (let bit = 0; bit < 3 && q + 4 <= p + 4 + size; bit++) {
        if (flags & (1 << bit)) {
          buf.writeUInt32LE(unix >>> 0, q);
          q += 4;
        }
      }
    }
    p += 4 + size;
  }
}

/** Sets every entry's modification time to `when`. Throws on a zip it does not understand rather than half-patching it. */
export function stampZipEntries(buf: Buffer, when: Date): Buffer {
  const { time, date } = dosTime(when);
  const unix = Math.floor(when.getTime() / 1000);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error("zip central directory is damaged");
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    patchExtra(buf, p + 46 + nameLength, extraLength, unix);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error("zip local header is damaged");
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    patchExtra(buf, local + 30 + buf.readUInt16LE(local + 26), buf.readUInt16LE(local + 28), unix);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return buf;
}
