import { describe, expect, it } from 'vitest';
import { crsFromPrj, crsFromTxtHeader, inferCrs } from '../../src/core';
import { crsReasonText } from '../../src/ui/crsReason';

// Every reason the core gives for a CRS reads in Chinese in the Chinese UI.
describe('CRS reasons in Chinese', () => {
  const reasons = [
    crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]')!.reason,
    crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]')!.reason,
    crsFromTxtHeader({ 坐标系: '2000国家大地坐标系', 几度分带: '3', 带号: '38' }, 38_586_000)!.reason,
    inferCrs([3_370_000, 38_586_000, 3_374_000, 38_591_000])!.finding.reason,
    inferCrs([586_000, 3_370_000, 591_000, 3_374_000], 'EPSG:4547')!.finding.reason,
    inferCrs([114, 30, 115, 31])!.finding.reason,
    'the GeoTIFF keys name EPSG:4547',
    'GeoJSON without a crs member is WGS 84 longitude/latitude (RFC 7946)',
    'named by the user or workspace as EPSG:4547 (the file itself says EPSG:4326)',
  ];
  it.each(reasons)('%s', (reason) => {
    const zh = crsReasonText(reason, 'zh-CN');
    expect(zh).not.toBe(reason);
    expect(zh).not.toMatch(/\b(the|names|eastings|without|taken)\b/);
    expect(crsReasonText(reason, 'en')).toBe(reason);
  });
});
