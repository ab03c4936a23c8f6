import { lookupCrs } from './registry';
import type { DatumName } from './registry';

// .prj text for the CRSs LandCheck writes, in the Esri WKT1 flavour ArcGIS writes, since that is what
// bureau GIS software reads and what Chinese data is exchanged with (e.g. CGCS2000_3_Degree_GK_CM_114E).

const GEOGCS: Record<DatumName, string> = {
  CGCS2000: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  'Xian 1980': 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  'Beijing 1954': 'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  'WGS 84': 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  NAD83: 'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
};

const ESRI_DATUM_PREFIX: Partial<Record<DatumName, string>> = { CGCS2000: 'CGCS2000', 'Xian 1980': 'Xian_1980', 'Beijing 1954': 'Beijing_1954' };

const num = (v: number) => (Number.isInteger(v) ? `${v}.0` : String(v));

/** Esri WKT for a CRS code, or null when LandCheck cannot describe it. */
export function esriWkt(code: string): string | null {
  const info = lookupCrs(code);
  if (!info) return null;
  const geog = GEOGCS[info.datum];
  if (info.geographic) return geog;
  if (info.code === 'EPSG:3857') {
    return 'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
  }
  const cm = info.centralMeridian!;
  const fe = info.falseEasting!;
  const prefix = ESRI_DATUM_PREFIX[info.datum];
  let name: string;
  let projection = 'Gauss_Kruger';
  let scale = 1;
  if (prefix) {
    const degree = info.zoneWidth === 3 ? '3_Degree_GK' : 'GK';
    name = info.zonePrefix !== undefined ? `${prefix}_${degree}_Zone_${info.zonePrefix}` : `${prefix}_${degree}_CM_${cm}E`;
  } else {
    const zone = (cm + 183) / 6;
    name = `${info.datum === 'NAD83' ? 'NAD_1983' : 'WGS_1984'}_UTM_Zone_${zone}${info.areaOfUse.south < 0 ? 'S' : 'N'}`;
    projection = 'Transverse_Mercator';
    scale = 0.9996;
  }
  const falseNorthing = info.areaOfUse.south < 0 && !prefix ? 10_000_000 : 0;
  return `PROJCS["${name}",${geog},PROJECTION["${projection}"],PARAMETER["False_Easting",${num(fe)}],PARAMETER["False_Northing",${num(falseNorthing)}],PARAMETER["Central_Meridian",${num(cm)}],PARAMETER["Scale_Factor",${num(scale)}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}
