// The core explains how a CRS was decided in English sentences of a few fixed forms; the Chinese UI
// says the same in Chinese. Unknown forms are shown as the core wrote them.

const ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^\.prj names authority (EPSG:\d+)$/, (m) => `.prj 文件写明权威编码 ${m[1]}`],
  [/^\.prj names the geographic CRS (.+)$/, (m) => `.prj 文件写明地理坐标系 ${m[1]}`],
  [/^\.prj gives a (.+) transverse Mercator with central meridian (\S+)°E and false easting (\S+)$/, (m) => `.prj 参数为 ${m[1]} 横轴墨卡托投影，中央经线 ${m[2]}°E，东偏移 ${m[3]}`],
  [/^\.prj names (.+)$/, (m) => `.prj 文件写明 ${m[1]}`],
  [/^the GeoJSON crs member names (.+)$/, (m) => `GeoJSON 的 crs 成员写明 ${m[1]}`],
  [/^the header says (.+?), (\d)-degree zone (\d+), and the eastings carry the zone number$/, (m) => `文件头写明${m[1]}，${m[2]}度分带第${m[3]}带，东坐标含带号`],
  [/^the header says (.+?), (\d)-degree zone (\d+), eastings without the zone number$/, (m) => `文件头写明${m[1]}，${m[2]}度分带第${m[3]}带，东坐标不含带号`],
  [/^the GeoTIFF keys name (EPSG:\d+)$/, (m) => `GeoTIFF 标签写明 ${m[1]}`],
  [/^the FlatGeobuf header names (EPSG:\d+)$/, (m) => `FlatGeobuf 文件头写明 ${m[1]}`],
  [/^KML is WGS 84 longitude\/latitude by definition$/, () => 'KML 规定为 WGS 84 经纬度'],
  [/^(GeoJSON|TopoJSON) without a crs member is WGS 84 longitude\/latitude \(RFC 7946\)$/, (m) => `${m[1]} 未写 crs 成员，按 RFC 7946 为 WGS 84 经纬度`],
  [/^coordinates lie within ±180\/±90: taken as longitude\/latitude \(CGCS2000\)$/, () => '坐标值在 ±180/±90 以内，按经纬度（CGCS2000）读取'],
  [/^(X\/Y are written northing first, as survey files do; )?eastings (\S+) carry zone number (\d+): (.+) \(datum assumed CGCS2000\)$/, (m) => `${m[1] ? '坐标按测量习惯先写 X（北坐标）；' : ''}东坐标 ${m[2]} 含带号 ${m[3]}：${m[4]}（按 CGCS2000 基准）`],
  [/^(X\/Y are written northing first, as survey files do; )?eastings (\S+) without a zone number: taken as the workspace's area CRS (\S+) \((.+)\)$/, (m) => `${m[1] ? '坐标按测量习惯先写 X（北坐标）；' : ''}东坐标 ${m[2]} 不含带号：按工作区面积坐标系 ${m[3]}（${m[4]}）读取`],
  [/^the workspace manifest names (\S+)$/, (m) => `工作区清单指定 ${m[1]}`],
  [/^named by the user or workspace as (\S+) \(the file itself says (\S+)\)$/, (m) => `由用户或工作区指定为 ${m[1]}（文件自身写明 ${m[2]}）`],
  [/^named by the user or workspace as (\S+)$/, (m) => `由用户或工作区指定为 ${m[1]}`],
  [/^the file has no coordinates; CGCS2000 longitude\/latitude assumed$/, () => '文件没有坐标，按 CGCS2000 经纬度处理'],
];

export function crsReasonText(reason: string, language: string): string {
  if (!language.startsWith('zh')) return reason;
  for (const [pattern, say] of ZH) {
    const m = pattern.exec(reason);
    if (m) return say(m);
  }
  return reason;
}
