// Writes the sample county to data/sample/ (or --out DIR), deterministically: the same seed gives
// the same bytes. Run with `npm run sample`. See data/sample/README.md for what each file holds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { booleanIntersects } from '@turf/turf';
import iconv from 'iconv-lite';
import seedrandom from 'seedrandom';
import { landUseClass, transformBetween, MANIFEST_SCHEMA_VERSION } from '../src/core';
import type { Feature, MultiPolygon, Polygon, Position } from '../src/core';
import { writeBoundaryTxt } from '../src/io/boundaryTxt';
import { csvText, projectedGeoJson, roundMm, zippedShapefile } from './sample/files';
import { ellipsoidalAreaM2, planarAreaM2 } from './sample/geometry';
import { geoTiff, paintImages } from './sample/imagery';
import { HEIGHT_M, makeLandscape, VILLAGES, WIDTH_M } from './sample/landscape';
import type { LandPlot } from './sample/landscape';
import { AFTER_DATE, BEFORE_DATE, makeStories } from './sample/scenarios';

const SEED = 'landcheck-sample-county-v1';
const CRS = 'EPSG:4547';
/** The county is modelled on one near Huanggang, Hubei; its centre sits at about 114.9°E, 30.45°N. */
const CENTRE_LON_LAT: Position = [114.9, 30.45];

const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg > 0 ? process.argv[outArg + 1]! : 'data/sample');

const centreGk = transformBetween('EPSG:4490', CRS)(CENTRE_LON_LAT);
const ORIGIN: Position = [Math.round((centreGk[0] - WIDTH_M / 2) / 10) * 10, Math.round((centreGk[1] - HEIGHT_M / 2) / 10) * 10];
// Coordinates are stored to the millimetre; areas written into attributes are those of the stored shapes.
const toGk = (p: Position): Position => roundMm([ORIGIN[0] + p[0], ORIGIN[1] + p[1]]);
const shift = <G extends Polygon | MultiPolygon>(g: G): G =>
  (g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(toGk)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(toGk))) }) as G;
const toLonLat = transformBetween(CRS, 'EPSG:4490');
const r2 = (v: number) => Math.round(v * 100) / 100;

function write(name: string, data: string | Uint8Array): void {
  writeFileSync(join(outDir, name), data);
}

const random = seedrandom(SEED);
const landscape = makeLandscape(random);
const stories = makeStories(landscape, random);
mkdirSync(outDir, { recursive: true });

// Land-use survey (三调 地类图斑): GBK Shapefile without a .cpg, as survey exports often arrive.
const landUseFeatures: Feature<Polygon | MultiPolygon>[] = landscape.plots.map((plot) => {
  const geometry = shift(plot.geometry);
  const cls = landUseClass(plot.code);
  return {
    type: 'Feature',
    geometry,
    properties: {
      BSM: `42110221100${String(plot.no).padStart(6, '0')}`,
      TBBH: String(plot.no),
      DLBM: plot.code,
      DLMC: cls?.nameZh ?? '',
      QSXZ: plot.owner === '国有' ? '10' : '30',
      QSDWDM: plot.ownerCode,
      QSDWMC: plot.owner === '国有' ? '国有' : `${plot.owner}村民委员会`.replace('村村', '村'),
      ZLDWMC: plot.owner === '国有' ? '河口镇' : plot.owner,
      TBMJ: r2(ellipsoidalAreaM2(geometry, CRS)),
    },
  };
});
const LAND_USE_FIELDS = ['BSM', 'TBBH', 'DLBM', 'DLMC', 'QSXZ', 'QSDWDM', 'QSDWMC', 'ZLDWMC', 'TBMJ'];

// Permanent basic farmland: the farmland plots away from settlements.
const basicPlots = landscape.plots.filter((p) => p.basicFarmland);
const basicFarmlandFeatures: Feature<Polygon | MultiPolygon>[] = basicPlots.map((plot, i) => {
  const geometry = shift(plot.geometry);
  return {
    type: 'Feature',
    geometry,
    properties: { TBBH: `JBNT${String(i + 1).padStart(4, '0')}`, DLBM: plot.code, DLMC: landUseClass(plot.code)?.nameZh ?? '', ZLDWMC: plot.owner, MJ: r2(ellipsoidalAreaM2(geometry, CRS)) },
  };
});

// Real-estate registry: one parcel (宗地) per built-up plot, 19-character 宗地代码.
const COMPANIES = ['湖北河口建材有限公司', '黄冈鑫源机械制造有限公司', '河口镇农产品加工厂', '湖北楚江纺织有限公司', '黄冈恒达物流有限公司', '河口镇供销合作社'];
const INSTITUTIONS: Record<string, string[]> = { '08H2': ['河口镇中心小学', '河口镇卫生院', '河口镇文化站'], '0809': ['河口镇自来水厂', '国网黄冈供电公司河口供电所'] };
const PEOPLE = ['张德明', '王桂芳', '李国强', '陈秀兰', '刘建新', '杨春华', '黄志刚', '周玉梅', '吴长林', '徐红霞', '胡金生', '朱小平', '高德福', '林海英', '何光明', '郭爱华'];
const registered = landscape.plots.filter((p) => p.registered);
const subzone = (plot: LandPlot) => (plot.owner === '国有' ? '001' : String(2 + VILLAGES.findIndex((v) => v.name === plot.owner)).padStart(3, '0'));
const realEstateFeatures: Feature<Polygon | MultiPolygon>[] = registered.map((plot, i) => {
  const geometry = shift(plot.geometry);
  const state = plot.owner === '国有';
  const owner =
    plot.code === '0601' || plot.code === '05H1' ? COMPANIES[i % COMPANIES.length]!
      : INSTITUTIONS[plot.code] ? INSTITUTIONS[plot.code]![i % INSTITUTIONS[plot.code]!.length]!
        : PEOPLE[i % PEOPLE.length]!;
  return {
    type: 'Feature',
    geometry,
    properties: {
      ZDDM: `421102105${subzone(plot)}${state ? 'GB' : 'JC'}${String(i + 1).padStart(5, '0')}`,
      QLR: owner,
      QLXZ: plot.code === '0702' ? '宅基地使用权' : ['08H2', '0809'].includes(plot.code) ? '划拨' : '出让',
      YT: landUseClass(plot.code)?.nameZh ?? '',
      ZDMJ: r2(planarAreaM2(geometry)),
      ZL: `河口镇${state ? '镇区' : plot.owner}`,
    },
  };
});

// Approved construction land (建设用地审批), with Chinese field names in GBK.
const approvalFeatures: Feature<Polygon>[] = stories.approvals.map((a) => {
  const geometry = shift(a.geometry);
  return {
    type: 'Feature',
    geometry,
    properties: { 批准文号: a.number, 批准日期: a.date, 批准面积: Math.round(planarAreaM2(geometry)) / 10000, 用途: a.use, 项目名称: a.project, 批准机关: a.authority },
  };
});

const redLine = shift(landscape.redLine);
const patchFeatures: Feature<Polygon>[] = stories.patches.map((patch) => {
  const geometry = shift(patch.geometry);
  const touches = (other: Polygon | MultiPolygon) => booleanIntersects(geometry as never, other as never);
  return {
    type: 'Feature',
    geometry,
    properties: {
      JCBH: patch.id, XZQDM: '421102', TBLX: patch.type, QSX: BEFORE_DATE, HSX: AFTER_DATE,
      JCMJ: r2(planarAreaM2(geometry)), DLBM: patch.landClass,
      SFYN: basicFarmlandFeatures.some((f) => touches(f.geometry)) ? '是' : '否',
      SFHX: touches(redLine) ? '是' : '否',
      PD: patch.judgement, PDZL: patch.subtype, BZ: patch.note,
    },
  };
});

const shapefiles: [string, Feature<Polygon | MultiPolygon>[], string[], boolean][] = [
  ['land_use', landUseFeatures, LAND_USE_FIELDS, false],
  ['basic_farmland', basicFarmlandFeatures, ['TBBH', 'DLBM', 'DLMC', 'ZLDWMC', 'MJ'], true],
  ['approved_land', approvalFeatures, ['批准文号', '批准日期', '批准面积', '用途', '项目名称', '批准机关'], true],
  ['satellite_patches', patchFeatures, ['JCBH', 'XZQDM', 'TBLX', 'QSX', 'HSX', 'JCMJ', 'DLBM', 'SFYN', 'SFHX', 'PD', 'PDZL', 'BZ'], true],
];
for (const [name, features, fields, cpg] of shapefiles) {
  write(`${name}.zip`, await zippedShapefile({ baseName: name, features, fields, cpg }));
}

write('real_estate.geojson', projectedGeoJson('real_estate', CRS, realEstateFeatures));
write('eco_redline.geojson', projectedGeoJson('eco_redline', CRS, [
  { type: 'Feature', geometry: redLine, properties: { 名称: '大别山水土保持生态保护红线（河口片区）', 类型: '水土保持', 面积: r2(ellipsoidalAreaM2(redLine, CRS)) } },
]));
const urbanBoundary = shift(landscape.urbanBoundary);
write('urban_boundary.geojson', projectedGeoJson('urban_boundary', CRS, [
  { type: 'Feature', geometry: urbanBoundary, properties: { 名称: '河口镇城镇开发边界', 面积: r2(ellipsoidalAreaM2(urbanBoundary, CRS)) } },
]));

// The same approvals as the ministry boundary coordinate txt, eastings with the zone number (38).
const txt = writeBoundaryTxt(
  {
    格式版本号: '1.01版本', 数据产生单位: '黄冈市自然资源和规划局', 数据产生日期: '2026-10-01', 坐标系: '2000国家大地坐标系',
    几度分带: '3', 投影类型: '高斯克吕格', 计量单位: '米', 带号: '38', 精度: '0.001', 转换参数: ',,,,,,',
  },
  approvalFeatures.map((f) => ({
    rings: f.geometry.coordinates.map((ring) => ring.map((p) => roundMm([p[0] + 38_000_000, p[1]]))),
    areaHa: Number(f.properties['批准面积']),
    id: String(f.properties['批准文号']),
    name: String(f.properties['项目名称']),
    use: String(f.properties['用途']),
  })),
);
write('approved_land_boundary.txt', iconv.encode(txt, 'gbk'));

// Imagery: two dates, in EPSG:4547, covering the county.
const images = paintImages(landscape.plots, stories.patches, random);
write(`before_${BEFORE_DATE}.tif`, geoTiff(images.before, images.width, images.height, ORIGIN[0], ORIGIN[1] + HEIGHT_M));
write(`after_${AFTER_DATE}.tif`, geoTiff(images.after, images.width, images.height, ORIGIN[0], ORIGIN[1] + HEIGHT_M));

// The complaint ledger, as a bureau keeps it in Excel and saves as CSV (UTF-8 with BOM).
const CASE_HEADER = ['案件编号', '登记日期', '来源渠道', '问题类别', '信访人', '联系电话', '反映问题', '诉求', '涉及地点', '经度', '纬度', '核查半径', '办理状态', '承办人'];
write('cases.csv', '\uFEFF' + csvText(CASE_HEADER, stories.cases.map((c) => {
  const [lon, lat] = toLonLat(toGk(c.point));
  return [c.id, c.receivedDate, c.channel, c.category, c.petitioner, c.phone, c.complaint, c.demands, c.place, lon.toFixed(7), lat.toFixed(7), 20, c.status, c.officer];
})));

const manifest = {
  schemaVersion: MANIFEST_SCHEMA_VERSION,
  name: '样例县（模拟湖北省黄冈市附近）',
  areaCrs: CRS,
  layers: [
    { id: 'patches', kind: 'satellite_patch', path: 'satellite_patches.zip', fields: { id: 'JCBH', type: 'TBLX', before: 'QSX', after: 'HSX', area: 'JCMJ', judgement: 'PD' } },
    { id: 'approved', kind: 'approved_land', path: 'approved_land.zip', fields: { id: '批准文号', date: '批准日期', area: '批准面积', use: '用途', name: '项目名称' } },
    { id: 'approved-txt', kind: 'approved_land', path: 'approved_land_boundary.txt', name: '建设用地审批红线（坐标交换文件）', visible: false, fields: { id: '地块编号', name: '地块名称', use: '地块用途' } },
    { id: 'real-estate', kind: 'real_estate', path: 'real_estate.geojson', fields: { id: 'ZDDM', owner: 'QLR', use: 'YT', area: 'ZDMJ' } },
    { id: 'basic-farmland', kind: 'basic_farmland', path: 'basic_farmland.zip', fields: { id: 'TBBH', area: 'MJ' } },
    { id: 'eco-redline', kind: 'eco_redline', path: 'eco_redline.geojson', fields: { id: '名称', type: '类型' } },
    { id: 'urban-boundary', kind: 'urban_boundary', path: 'urban_boundary.geojson', fields: { id: '名称' } },
    { id: 'land-use', kind: 'land_use', path: 'land_use.zip', fields: { id: 'BSM', code: 'DLBM', name: 'DLMC', area: 'TBMJ' } },
  ],
  imagery: [
    { id: 'before', path: `before_${BEFORE_DATE}.tif`, date: BEFORE_DATE },
    { id: 'after', path: `after_${AFTER_DATE}.tif`, date: AFTER_DATE },
  ],
  cases: 'cases.csv',
};
write('sample.landcheck.json', JSON.stringify(manifest, null, 2) + '\n');

// What each case and patch was made to show, for the tests of later capabilities.
const design = {
  schemaVersion: 1,
  about: 'Design intent of the sample county: the flags each case was placed to show (DESIGN §4) and the judgement each patch should get. Written by scripts/make-sample-data.ts.',
  seed: SEED,
  crs: CRS,
  originGk: ORIGIN,
  cases: stories.cases.map((c) => ({ id: c.id, madeFor: c.madeFor, noFinding: c.madeFor.length === 0, patch: c.patchId, story: c.story })),
  patches: stories.patches.map((p) => ({ id: p.id, type: p.type, judged: p.judgement || null, expected: p.expected })),
};
write('sample-design.json', JSON.stringify(design, null, 2) + '\n');

write('README.md', `# The sample county (样例县)

Written by \`scripts/make-sample-data.ts\` (\`npm run sample\`), seed \`${SEED}\`: do not edit by hand; running the
script again gives byte-identical files. A fictional county modelled on one near Huanggang, Hubei (about
114.9°E, 30.45°N), stored as a bureau stores its data: CGCS2000 3-degree Gauss-Kruger CM 114°E (EPSG:4547).
The workspace manifest is \`sample.landcheck.json\`.

| file | layer kind | format | what it holds |
|---|---|---|---|
| land_use.zip | land_use | Shapefile, GBK attributes, no .cpg (DBF language driver 936), Esri .prj | ${landUseFeatures.length} 三调 plots: BSM, TBBH, DLBM/DLMC (GB/T 21010), QSXZ, QSDWDM/QSDWMC, ZLDWMC, TBMJ (ellipsoidal m²) |
| basic_farmland.zip | basic_farmland | Shapefile, GBK, .cpg, .prj | ${basicFarmlandFeatures.length} permanent basic farmland plots: TBBH, DLBM, DLMC, ZLDWMC, MJ |
| approved_land.zip | approved_land | Shapefile, GBK with Chinese field names, .cpg, .prj | ${approvalFeatures.length} approvals: 批准文号, 批准日期, 批准面积 (ha), 用途, 项目名称, 批准机关 |
| approved_land_boundary.txt | approved_land | ministry boundary coordinate txt (GBK), X = northing, eastings with zone 38 | the same approvals, 地块编号 = 批准文号 (hidden on the map by default) |
| real_estate.geojson | real_estate | GeoJSON with the legacy crs member (EPSG:4547) | ${realEstateFeatures.length} parcels: ZDDM (19 characters), QLR, QLXZ, YT, ZDMJ, ZL |
| eco_redline.geojson | eco_redline | GeoJSON, EPSG:4547 | the ecological red line: 名称, 类型, 面积 |
| urban_boundary.geojson | urban_boundary | GeoJSON, EPSG:4547 | the urban development boundary |
| satellite_patches.zip | satellite_patch | Shapefile, GBK, .cpg, .prj | ${patchFeatures.length} change patches: JCBH, XZQDM, TBLX, QSX/HSX, JCMJ, DLBM, SFYN, SFHX, PD (判定), PDZL, BZ |
| before_${BEFORE_DATE}.tif, after_${AFTER_DATE}.tif | imagery | GeoTIFF, EPSG:4547 keys, 8 m pixels, RGB | the county before and after; every patch's change shows on the after image |
| cases.csv | cases | CSV, UTF-8 with BOM | ${stories.cases.length} complaints with lon/lat (CGCS2000); petitioners are invented |
| sample-design.json | — | JSON | what each case was placed to show (flags of DESIGN §4) and the judgement each patch should get |

Every flag of DESIGN §4 is shown by at least one case, and ${design.cases.filter((c) => c.noFinding).map((c) => c.id).join(', ')} shows none;
\`tests/unit/sample-flags.test.ts\` checks each with Turf, independently of LandCheck's own analysis.
`);

console.log(`sample county written to ${outDir}: ${landUseFeatures.length} land-use plots, ${basicFarmlandFeatures.length} basic farmland, ${realEstateFeatures.length} parcels, ${approvalFeatures.length} approvals, ${patchFeatures.length} patches, ${stories.cases.length} cases`);
