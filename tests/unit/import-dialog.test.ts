import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { lookupCrs } from '../../src/core';
import type { CrsInfo } from '../../src/core';
import { crsChoiceGroups, crsLabel } from '../../src/ui/crsChoices';
import { en } from '../../src/ui/locales/en';
import { zhCN } from '../../src/ui/locales/zh-CN';
import { readFiles } from '../../src/ui/readFiles';

// The import dialog's pure parts: the CRS choice it offers, and reading files with a byte count.

// Every CRS the registry knows, found as the worker finds them (EPSG numbers of four or five digits).
const KNOWN: CrsInfo[] = [];
for (let epsg = 1000; epsg < 100_000; epsg++) {
  const info = lookupCrs(`EPSG:${epsg}`);
  if (info?.code === `EPSG:${epsg}`) KNOWN.push(info);
}
const codes = (list: CrsInfo[]) => list.map((c) => c.code);

describe('the CRS choice of the import dialog', () => {
  it('knows the families of DESIGN §3: CGCS2000, Xian 1980 and Beijing 1954 Gauss-Kruger zones, WGS 84/NAD83 and UTM, Web Mercator', () => {
    // EPSG: CGCS2000 4490 + 6-degree 4491–4512 + 3-degree 4513–4554; Xian 1980 4610 + 2327–2390;
    // Beijing 1954 4214 + 2401–2442 + 21413–21423 + 21453–21463; WGS 84 4326, 3857, UTM 32601–32660, 32701–32760; NAD83 4269, UTM 26901–26923.
    const expected = 1 + 22 + 42 + (1 + 64) + (1 + 42 + 11 + 11) + (2 + 60 + 60) + (1 + 23);
    expect(KNOWN.length).toBe(expected);
    expect(lookupCrs('EPSG:4526')!.name).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 38');
  });

  it('lists the detected CRS first, then the CGCS2000 3-degree zones near the data with and without the zone number, then every other CRS once, by datum', () => {
    // The sample county, near 114.9°E: zone 38 (CM 114°E) first, then its neighbours 117°E and 111°E.
    const groups = crsChoiceGroups(KNOWN, 'EPSG:4547', [114.85, 30.4, 114.95, 30.5]);
    expect(groups.map((g) => g.key)).toEqual(['detected', 'nearby', 'cgcs2000', 'xian1980', 'beijing1954', 'wgs84', 'nad83']);
    expect(codes(groups[0]!.crs)).toEqual(['EPSG:4547']);
    // Zone 38 with the zone number (4526), its CM form 4547 being the detected one above; then CM 117°E, then CM 111°E.
    expect(codes(groups[1]!.crs)).toEqual(['EPSG:4526', 'EPSG:4527', 'EPSG:4548', 'EPSG:4525', 'EPSG:4546']);
    const all = groups.flatMap((g) => codes(g.crs));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(KNOWN.length);
    expect(codes(groups[2]!.crs).slice(0, 3)).toEqual(['EPSG:4490', 'EPSG:4491', 'EPSG:4492']);
    expect(codes(groups.find((g) => g.key === 'wgs84')!.crs).slice(0, 2)).toEqual(['EPSG:4326', 'EPSG:3857']);
  });

  it('data outside the CGCS2000 zones has no nearby group; data without coordinates neither', () => {
    expect(crsChoiceGroups(KNOWN, 'EPSG:4326', [-71.16, 42.35, -71.06, 42.41]).map((g) => g.key)).toEqual(['detected', 'cgcs2000', 'xian1980', 'beijing1954', 'wgs84', 'nad83']);
    expect(crsChoiceGroups(KNOWN, null, null).map((g) => g.key)).toEqual(['cgcs2000', 'xian1980', 'beijing1954', 'wgs84', 'nad83']);
  });

  it('names Gauss-Kruger zones by width, zone and central meridian, saying whether the easting carries the zone', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } });
    const say = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);
    expect(crsLabel(lookupCrs('EPSG:4526')!, say)).toBe('EPSG:4526 CGCS2000 3-degree Gauss-Kruger zone 38 (eastings carry the zone number, CM 114°E)');
    expect(crsLabel(lookupCrs('EPSG:4547')!, say)).toBe('EPSG:4547 CGCS2000 3-degree Gauss-Kruger CM 114°E (eastings without the zone number)');
    expect(crsLabel(lookupCrs('EPSG:32650')!, say)).toBe('EPSG:32650 WGS 84 / UTM zone 50N');
    await i18n.changeLanguage('zh-CN');
    expect(crsLabel(lookupCrs('EPSG:2383')!, say)).toBe('EPSG:2383 西安 80 3 度带 中央经线 114°E（东坐标不含带号）');
    expect(crsLabel(lookupCrs('EPSG:4490')!, say)).toBe('EPSG:4490 CGCS2000 经纬度');
  });
});

describe('reading a file with a progress count', () => {
  const bytes = Uint8Array.from({ length: 700_000 }, (_, i) => (i * 7919) % 251);

  it('returns every byte of each file and counts up to the total over all of them', async () => {
    const seen: [number, number][] = [];
    // A file made of parts streams part by part, as a large file on disk comes in chunks.
    const parts = Array.from({ length: 10 }, (_, i) => bytes.subarray(i * 70_000, (i + 1) * 70_000));
    const read = await readFiles([new Blob(parts), new Blob([bytes.subarray(0, 1000)])], (loaded, total) => seen.push([loaded, total]));
    expect(read).not.toBeNull();
    expect(Buffer.from(read![0]!).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(read![1]!).equals(Buffer.from(bytes.subarray(0, 1000)))).toBe(true);
    expect(seen[0]).toEqual([0, 701_000]);
    expect(seen.at(-1)).toEqual([701_000, 701_000]);
    expect(seen.length).toBeGreaterThan(10); // read in chunks, counted as they come
    expect(seen.every(([loaded], i) => i === 0 || loaded > seen[i - 1]![0])).toBe(true);
  });

  it('stops when asked, and gives nothing', async () => {
    const stop = new AbortController();
    const read = await readFiles([new Blob([bytes]), new Blob([bytes])], (loaded) => loaded > 0 && stop.abort(), stop.signal);
    expect(read).toBeNull();
  });
});
