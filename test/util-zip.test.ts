import JSZip from "jszip";
import { assertInflatesWithin, inflateText, openZip, ZipFormatError, ZipLimitError } from "../generator/util/zip";

/** A zip whose one entry inflates to `size` bytes while its headers declare `declared`. */
async function lyingZip(size: number, declared: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("word/document.xml", Buffer.alloc(size, 0x20));
  const bytes = Buffer.from(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } }));
  // local header: uncompressed size at offset 22; central directory entry (signature PK\x01\x02): at 24
  bytes.writeUInt32LE(declared, 22);
  const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bytes.writeUInt32LE(declared, cd + 24);
  return bytes;
}

describe("bounded inflation of zip entries", () => {
  it("stops a lying entry at the cap, by the bytes actually inflated", async () => {
    const bytes = await lyingZip(24 * 1048576, 1000);
    expect(bytes.length).toBeLessThan(1048576);
    const zip = await openZip(bytes);
    const rss = process.memoryUsage().rss;
    await expect(inflateText(zip.file("word/document.xml")!, 4 * 1048576)).rejects.toBeInstanceOf(ZipLimitError);
    await expect(assertInflatesWithin(zip, 4 * 1048576, 8 * 1048576)).rejects.toThrow(/word\/document\.xml 解压后超过 4 MB/);
    // stopped early: nowhere near the 24 MB the entry would inflate to was kept
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1048576);
  });

  it("reads an honest entry whole and counts totals across entries", async () => {
    const zip = new JSZip();
    zip.file("a.xml", "<a>规划</a>");
    zip.file("b.xml", Buffer.alloc(3000, 0x41));
    const opened = await openZip(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    expect(await inflateText(opened.file("a.xml")!, 100)).toBe("<a>规划</a>");
    await expect(assertInflatesWithin(opened, 5000, 10000)).resolves.toBeUndefined();
    await expect(assertInflatesWithin(opened, 5000, 2000)).rejects.toBeInstanceOf(ZipLimitError);
  });

  it("names a damaged archive as such", async () => {
    await expect(openZip(Buffer.from("PK\x03\x04 not really a zip"))).rejects.toBeInstanceOf(ZipFormatError);
  });
});
