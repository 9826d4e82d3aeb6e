import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconFile } from '../../../main/tray/icons.ts';
import { TRAY_ICO_SIZES, renderIcons } from '../../../scripts/make-icons.ts';

const BUILD = join(import.meta.dirname, '..', '..', '..', 'build');

/** Width, height and RGBA of a PNG written by make-icons (8-bit RGBA, filter 0 on every row). */
function decodePng(bytes: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

function alphas(rgba: Uint8Array): number[] {
  return rgba.filter((_, i) => i % 4 === 3) as unknown as number[];
}

describe('tray icon choice', () => {
  it('uses template images on macOS, whatever the theme', () => {
    expect(trayIconFile('idle', 'darwin', false)).toBe('trayTemplate.png');
    expect(trayIconFile('idle', 'darwin', true)).toBe('trayTemplate.png');
    expect(trayIconFile('running', 'darwin', true)).toBe('trayRunningTemplate.png');
  });

  it('uses a multi-size .ico on Windows and a 22 px PNG on Linux, per panel brightness', () => {
    expect(trayIconFile('idle', 'win32', false)).toBe('tray-idle-light.ico');
    expect(trayIconFile('running', 'win32', true)).toBe('tray-running-dark.ico');
    expect(trayIconFile('idle', 'linux', true)).toBe('tray-idle-dark-22.png');
    expect(trayIconFile('running', 'freebsd', false)).toBe('tray-running-light-22.png');
  });

  it('names files that exist, with their @2x siblings', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const kind of ['idle', 'running'] as const) {
        for (const dark of [false, true]) {
          const file = join(BUILD, 'tray', trayIconFile(kind, platform, dark));
          expect(existsSync(file), file).toBe(true);
          if (file.endsWith('.png')) expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
        }
      }
    }
  });
});

describe('the committed icons', () => {
  const rendered = renderIcons();

  it('are exactly what scripts/make-icons.ts draws (run it after changing the drawing)', () => {
    const committed = readdirSync(join(BUILD, 'tray')).map((name) => `tray/${name}`);
    expect(committed.filter((path) => /\.(png|ico)$/.test(path)).sort()).toEqual([...rendered.keys()].filter((path) => path.startsWith('tray/')).sort());
    for (const [path, bytes] of rendered) {
      expect(readFileSync(join(BUILD, path)).equals(bytes), `${path} differs from a fresh rendering`).toBe(true);
    }
  });

  it('have the sizes their names promise', () => {
    for (const [path, bytes] of rendered) {
      if (!path.endsWith('.png')) continue;
      const { width, height } = decodePng(bytes);
      const named = /-(\d+)(@2x)?\.png$/.exec(path);
      const expected = path === 'icon.png' ? 512 : named ? Number(named[1]) * (named[2] ? 2 : 1) : path.includes('@2x') ? 32 : 16;
      expect([width, height], path).toEqual([expected, expected]);
    }
  });

  it('draw macOS templates in black only, anti-aliased', () => {
    for (const path of ['tray/trayTemplate.png', 'tray/trayTemplate@2x.png', 'tray/trayRunningTemplate.png', 'tray/trayRunningTemplate@2x.png']) {
      const { rgba } = decodePng(rendered.get(path) ?? Buffer.alloc(0));
      for (let i = 0; i < rgba.length; i += 4) {
        if ((rgba[i + 3] ?? 0) > 0) expect([rgba[i], rgba[i + 1], rgba[i + 2]], path).toEqual([0, 0, 0]);
      }
      const a = alphas(rgba);
      expect(a.some((value) => value === 0)).toBe(true);
      expect(a.some((value) => value === 255)).toBe(true);
      expect(
        a.some((value) => value > 0 && value < 255),
        `${path} has soft edges`,
      ).toBe(true);
    }
  });

  it('draw the light-panel glyph dark and the dark-panel glyph light', () => {
    const luminance = (path: string) => {
      const { rgba } = decodePng(rendered.get(path) ?? Buffer.alloc(0));
      let sum = 0;
      let weight = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        // Only the glyph itself: the halo is translucent.
        if (rgba[i + 3] === 255) {
          sum += (rgba[i] ?? 0) + (rgba[i + 1] ?? 0) + (rgba[i + 2] ?? 0);
          weight += 3;
        }
      }
      return sum / weight;
    };
    expect(luminance('tray/tray-idle-light-22.png')).toBeLessThan(80);
    expect(luminance('tray/tray-idle-dark-22.png')).toBeGreaterThan(200);
  });

  it('pack every Windows size into the .ico files', () => {
    for (const name of ['tray-idle-light', 'tray-idle-dark', 'tray-running-light', 'tray-running-dark']) {
      const ico = rendered.get(`tray/${name}.ico`) ?? Buffer.alloc(0);
      expect(ico.readUInt16LE(2)).toBe(1);
      const count = ico.readUInt16LE(4);
      const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16));
      expect(sizes).toEqual([...TRAY_ICO_SIZES]);
      for (let i = 0; i < count; i++) {
        const length = ico.readUInt32LE(6 + i * 16 + 8);
        const offset = ico.readUInt32LE(6 + i * 16 + 12);
        expect(decodePng(ico.subarray(offset, offset + length)).width).toBe(sizes[i]);
      }
    }
  });
});
