/**
 * Small crafted files that used to stop Planbook (issue 13): a .docx whose zip headers lie about
 * the size of its text, a text that made paragraph joining quadratic, a binary, mojibake.
 * Each is built in memory in well under a second.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
import iconv from "iconv-lite";

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

interface Entry {
  name: string;
  /** the deflated bytes */
  data: Buffer;
  /** what the headers say the entry inflates to (a lie for the bomb) */
  declaredSize: number;
  crc: number;
}

function zip(entries: Entry[], comment = ""): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const commentBytes = Buffer.from(comment);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...locals, directory, end, commentBytes]);
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);

let bombData: Buffer | null = null;
let bombMb = 0;

/** What a bomb really inflates to (to check the helper itself). */
export function inflatedSize(deflated: Buffer): number {
  return inflateRawSync(deflated, { maxOutputLength: 2 ** 31 }).length;
}

/**
 * A .docx of a few hundred KB whose word/document.xml declares 1 000 bytes and inflates to
 * `inflatedMb` MB of one paragraph's text. `variant` changes the zip comment only, so several
 * bombs are different files with the same payload.
 */
export function lyingSizeDocx(variant: number, inflatedMb = 256): Buffer {
  if (!bombData || bombMb !== inflatedMb) {
    // raw deflate segments that end on a sync flush can be concatenated: one 1 MB segment of text
    // compressed once and repeated is the same stream as the whole text compressed at once
    const sync = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
    const head = deflateRawSync(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'), sync);
    const megabyte = deflateRawSync(Buffer.alloc(1048576, 0x41), sync);
    const tail = deflateRawSync(Buffer.from("</w:t></w:r></w:p></w:body></w:document>"), { level: 9 });
    bombData = Buffer.concat([head, ...new Array<Buffer>(inflatedMb).fill(megabyte), tail]);
    bombMb = inflatedMb;
  }
  const types = deflateRawSync(CONTENT_TYPES);
  return zip(
    [
      { name: "[Content_Types].xml", data: types, declaredSize: CONTENT_TYPES.length, crc: crc32(CONTENT_TYPES) },
      { name: "word/document.xml", data: bombData, declaredSize: 1000, crc: 0 },
    ],
    `variant ${variant}`,
  );
}

/** Lines without sentence-ending punctuation: what made paragraph joining quadratic (5 000 lines ≈ 400 KB). */
export function quadraticText(variant: number, lines = 5000): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`第${variant}-${i}行没有句末标点的一段文字内容用来测试段落合并的速度`);
  return Buffer.from(out.join("\n"));
}

/** An executable's first bytes and noise: not a document. */
export function binaryFile(variant: number, bytes = 4096): Buffer {
  const buf = Buffer.alloc(bytes);
  let x = 0x9e3779b9 ^ variant;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(buf);
  return buf;
}

/** A document's UTF-8 read as GBK and written back as UTF-8: every character garbled, the bytes valid UTF-8. */
export function mojibake(utf8Text: string, variant: number): Buffer {
  return Buffer.from(iconv.decode(Buffer.from(`${utf8Text}\n${variant}\n`, "utf8"), "gbk"), "utf8");
}

export type SoakKind = "good" | "lying-size" | "quadratic" | "binary" | "mojibake";
export const SOAK_COUNTS: Readonly<Record<SoakKind, number>> = { good: 130, "lying-size": 10, quadratic: 6, binary: 30, mojibake: 24 };

export interface SoakFile {
  name: string;
  kind: SoakKind;
  bytes: Buffer;
  sha256: string;
}

/**
 * The 200 files the soak (and its bench) drops into a watched folder: 130 versions of four real
 * documents among 70 hostile ones, interleaved so bad files arrive among the good.
 */
export function soakFiles(samplesDir: string, seedsDir: string): SoakFile[] {
  const sources = ["A1_qinglan_14fyp.txt", "A2_songling_15fyp.txt", "A3_dongzhu_report2025.txt"].map((f) => readFileSync(join(samplesDir, f), "utf8"));
  const seed = readFileSync(join(seedsDir, "jingzhou-government-work-report-digest.txt"), "utf8");
  const files: SoakFile[] = [];
  const add = (kind: SoakKind, name: string, bytes: Buffer) => files.push({ name, kind, bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
  for (let i = 0; i < SOAK_COUNTS.good; i++) {
    // each a different version (its own bytes) of one of four documents
    const text = i % 10 === 9 ? seed : sources[i % 3];
    add("good", `good-${i}.txt`, Buffer.from(`${text}\n（第 ${i} 次印发。）\n`));
  }
  for (let i = 0; i < SOAK_COUNTS["lying-size"]; i++) add("lying-size", `bomb-${i}.docx`, lyingSizeDocx(i, 48));
  for (let i = 0; i < SOAK_COUNTS.quadratic; i++) add("quadratic", `slow-${i}.txt`, quadraticText(i));
  for (let i = 0; i < SOAK_COUNTS.binary; i++) add("binary", `program-${i}.txt`, binaryFile(i));
  for (let i = 0; i < SOAK_COUNTS.mojibake; i++) add("mojibake", `garbled-${i}.txt`, mojibake(sources[i % 3], i));
  const order = (f: SoakFile) => createHash("md5").update(f.name).digest("hex");
  return files.sort((a, b) => order(a).localeCompare(order(b)));
}
