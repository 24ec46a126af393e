/**
 * Draws the add-in's icons (16, 32, 64, 80 px; 128 for the catalog) into addin/assets: a green
 * Excel-style tile with a white table grid and a header band. Drawn rather than downloaded so
 * the artwork is ours and reproducible: `node build/scripts/make-icons.js [outDir]`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

type Rgba = [number, number, number, number];
const BRAND: Rgba = [16, 124, 65, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const PALE: Rgba = [200, 235, 214, 255];

export function renderIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const radius = Math.max(2, Math.round(size / 8));
  const margin = Math.max(1, Math.round(size / 8));
  const line = Math.max(1, Math.round(size / 16));
  const inner = size - 2 * margin;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let color: Rgba = [0, 0, 0, 0];
      if (insideRoundedSquare(x, y, size, radius)) color = BRAND;
      const gx = x - margin;
      const gy = y - margin;
      if (gx >= 0 && gy >= 0 && gx < inner && gy < inner) {
        const headerBand = gy < Math.round(inner / 4);
        const onRow = gy % Math.round(inner / 4) < line || gy >= inner - line;
        const onColumn = gx % Math.round(inner / 3) < line || gx >= inner - line;
        if (headerBand) color = PALE;
        if (onRow || onColumn) color = WHITE;
      }
      const offset = (y * size + x) * 4;
      png.data[offset] = color[0];
      png.data[offset + 1] = color[1];
      png.data[offset + 2] = color[2];
      png.data[offset + 3] = color[3];
    }
  }
  return PNG.sync.write(png);
}

function insideRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
  const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
  return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius ** 2;
}

export function writeIcons(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const path = join(outDir, `icon-${size}.png`);
    writeFileSync(path, renderIcon(size));
    return path;
  });
}

if (require.main === module) {
  const outDir = process.argv[2] ?? join(__dirname, "..", "..", "addin", "assets");
  for (const path of writeIcons(outDir)) process.stdout.write(`${path}\n`);
}
