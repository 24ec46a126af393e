/**
 * Zip writers stamp every entry with the time of writing, so two renders of the same Plan differ
 * byte for byte. Overwrite those stamps in place (no recompression, so it costs nothing at 100 000
 * rows) with the report's generated-at time, which makes the output reproducible.
 */
import { open, type FileHandle } from "node:fs/promises";

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

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new Error("not a zip file (no end of central directory)");
}

/** Sets every entry's modification time to `when`. Throws on a zip it does not understand rather than half-patching it. */
export function stampZipEntries(buf: Buffer, when: Date): Buffer {
  const { time, date } = dosTime(when);
  const unix = Math.floor(when.getTime() / 1000);
  const eocd = findEocd(buf);
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

async function readAt(file: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new Error("zip file ends inside a header");
    done += bytesRead;
  }
  return buf;
}

async function writeAt(file: FileHandle, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) done += (await file.write(buf, done, buf.length - done, position + done)).bytesWritten;
}

/**
 * stampZipEntries on a file, in place: only the headers are read and written back. A streamed
 * 100 000-row register is 7 MB, read back and written out again just to change a few dozen stamps.
 * Every header is checked before anything is written, so a zip it does not understand is left as it was.
 */
export async function stampZipFile(path: string, when: Date): Promise<void> {
  const { time, date } = dosTime(when);
  const unix = Math.floor(when.getTime() / 1000);
  const file = await open(path, "r+");
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 65535);
    const tail = await readAt(file, tailLength, size - tailLength);
    const eocd = findEocd(tail);
    const count = tail.readUInt16LE(eocd + 10);
    const centralSize = tail.readUInt32LE(eocd + 12);
    const centralAt = tail.readUInt32LE(eocd + 16);
    if (centralAt + centralSize > size) throw new Error("zip central directory is damaged");
    const central = await readAt(file, centralSize, centralAt);
    const locals: Array<{ at: number; header: Buffer }> = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > central.length || central.readUInt32LE(p) !== CENTRAL) throw new Error("zip central directory is damaged");
      central.writeUInt16LE(time, p + 12);
      central.writeUInt16LE(date, p + 14);
      const nameLength = central.readUInt16LE(p + 28);
      const extraLength = central.readUInt16LE(p + 30);
      const commentLength = central.readUInt16LE(p + 32);
      const local = central.readUInt32LE(p + 42);
      if (p + 46 + nameLength + extraLength > central.length) throw new Error("zip central directory is damaged");
      patchExtra(central, p + 46 + nameLength, extraLength, unix);
      if (local + 30 > size) throw new Error("zip local header is damaged");
      const fixed = await readAt(file, 30, local);
      if (fixed.readUInt32LE(0) !== LOCAL) throw new Error("zip local header is damaged");
      const header = Buffer.concat([fixed, await readAt(file, fixed.readUInt16LE(26) + fixed.readUInt16LE(28), local + 30)]);
      header.writeUInt16LE(time, 10);
      header.writeUInt16LE(date, 12);
      patchExtra(header, 30 + header.readUInt16LE(26), header.readUInt16LE(28), unix);
      locals.push({ at: local, header });
      p += 46 + nameLength + extraLength + commentLength;
    }
    for (const l of locals) await writeAt(file, l.header, l.at);
    await writeAt(file, central, centralAt);
  } finally {
    await file.close();
  }
}
