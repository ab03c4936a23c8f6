// `landcheck` — the command line over the same core and readers as the app (DESIGN §9).
// Exit codes: 0 success, 1 findings problem, 2 bad input (one line on stderr, nothing written).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { convertPosition, InputError, isWebCoordSystem, lookupCrs, parseAngle } from '../core';
import { readVectorFile } from '../io/formats';
import { inspectFile } from '../io/inspect';
import { safeFileName } from '../io/text';
import { reprojectCollection, resolveCrs, swapAxes } from '../io/layerFile';
import { writeVectorFile } from '../io/writers';
import { loadRuleSet, prepareVerification, runVerification } from '../io/verification';
import { openWorkspace, readInput, writeAtomically } from './files';
import { report, ReportUsageError } from './report';

const VERSION = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;

const USAGE = `landcheck ${VERSION} — verify land complaints against a bureau's base data

Usage:
  landcheck inspect FILE [--crs CRS]             what a file holds: format, CRS and where it came from, features,
                                                 lon/lat bbox, fields, encoding, problems (JSON)
  landcheck convert IN OUT [--from CRS] [--to CRS] [--encoding utf-8|gbk]
                                                 any readable format to GeoJSON, zipped Shapefile (.zip),
                                                 boundary coordinate .txt, CSV or XLSX (default: keep the CRS)
  landcheck coord X Y --from CRS|gcj02|bd09 --to CRS|gcj02|bd09
                                                 one position, x = easting/longitude first; prints [x, y]
  landcheck verify MANIFEST [--case ID] --out DIR [--lang zh-CN|en] [--date YYYY-MM-DD]
                                                 verify every case (or one) against every layer: writes
                                                 DIR/verification.json and DIR/opinions/<case>.md
  landcheck report MANIFEST (--case ID ... | --all) --out FILE.docx|FILE.pdf|DIR [--unmask]
                 [--format docx|pdf] [--lang zh-CN|en] [--date YYYY-MM-DD] [--bureau NAME]
                                                 verify the cases and write each one's verification report
                                                 (petitioner masked unless --unmask; DIR gets <case>.docx|pdf;
                                                 SOURCE_DATE_EPOCH fixes the generation time)
  landcheck workspace MANIFEST                   load a workspace manifest and print what it holds (JSON)
  landcheck --version | --help

Exit codes: 0 success, 1 findings problem, 2 bad input (one line on stderr, nothing written).`;

class UsageError extends Error {}

function knownCrs(code: string | undefined, flag: string): string | undefined {
  if (code === undefined) return undefined;
  const info = lookupCrs(code);
  if (!info) throw new UsageError(`${flag} ${code}: unknown CRS (expected an EPSG code such as EPSG:4547)`);
  return info.code;
}

async function inspect(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { crs: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('inspect takes one FILE');
  const file = positionals[0]!;
  const report = await inspectFile(readInput(file), file, { named: knownCrs(values.crs, '--crs') });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

async function convert(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, encoding: { type: 'string' } } });
  if (positionals.length !== 2) throw new UsageError('convert takes IN and OUT');
  const [input, output] = positionals as [string, string];
  const encoding = values.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'gbk') throw new UsageError(`--encoding ${encoding}: expected utf-8 or gbk`);
  const read = await readVectorFile(readInput(input), input);
  const { crs, axesSwapped } = resolveCrs(read, { named: knownCrs(values.from, '--from') }, input);
  const stored = axesSwapped ? swapAxes(read.collection) : read.collection;
  const to = knownCrs(values.to, '--to') ?? crs.code;
  const bytes = await writeVectorFile(reprojectCollection(stored, crs.code, to), to, output, { encoding });
  writeAtomically(output, bytes);
  process.stderr.write(`landcheck: ${read.collection.features.length} features from ${input} (${crs.code}, ${crs.reason}) written to ${output} (${to})\n`);
  return 0;
}

function coordinateSystem(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`coord needs ${flag} CRS|gcj02|bd09`);
  if (isWebCoordSystem(value)) return value.toLowerCase();
  return knownCrs(value, flag)!;
}

function coord(args: string[]): number {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, allowNegative: true, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (positionals.length !== 2) throw new UsageError('coord takes X and Y');
  const from = coordinateSystem(values.from, '--from');
  const to = coordinateSystem(values.to, '--to');
  const [x, y] = positionals.map((text, i) => {
    const angle = parseAngle(text);
    if (!angle) throw new UsageError(`${i === 0 ? 'X' : 'Y'} "${text}" is not a number or an angle`);
    return angle.degrees;
  }) as [number, number];
  const result = convertPosition([x, y], from, to);
  process.stdout.write(`${JSON.stringify([result[0], result[1]])}\n`);
  return 0;
}

const DEFAULT_RULES = new URL('../../data/rules/default.json', import.meta.url);
async function verify(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { case: { type: 'string', multiple: true }, out: { type: 'string' }, lang: { type: 'string' }, date: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('verify takes one MANIFEST');
  if (!values.out) throw new UsageError('verify needs --out DIR');
  const lang = values.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError(`--lang ${lang}: expected zh-CN or en`);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date ${date}: expected YYYY-MM-DD`);
  const manifestPath = positionals[0]!;
  const { ws, read } = await openWorkspace(manifestPath);
  const unknown = (values.case ?? []).filter((id) => !ws.cases.some((c) => c.id === id));
  if (unknown.length) throw new InputError(manifestPath, 'cases', `no case ${unknown.join(', ')} in the ledger`);
  const ruleSet = await loadRuleSet(ws, read, { text: readFileSync(DEFAULT_RULES, 'utf8'), file: 'data/rules/default.json' });
  const vws = prepareVerification(ws, ruleSet);
  const layerBytes = Object.fromEntries(await Promise.all(ws.layers.map(async (l) => [l.id, await read(l.path)] as const)));
  const run = await runVerification(ws, vws, {
    caseIds: values.case,
    lang,
    generatedAt: new Date().toISOString(),
    date,
    layerBytes,
  });
  // Everything is computed before anything is written.
  mkdirSync(join(values.out, 'opinions'), { recursive: true });
  for (const [id, text] of Object.entries(run.opinions)) writeAtomically(join(values.out, 'opinions', `${safeFileName(id)}.md`), new TextEncoder().encode(text));
  writeAtomically(join(values.out, 'verification.json'), new TextEncoder().encode(`${JSON.stringify(run.document, null, 2)}\n`));
  const flagged = run.results.filter((r) => r.flags.length > 0).length;
  process.stderr.write(`landcheck: ${run.results.length} case(s) verified against ${ws.layers.length} layers (${vws.areaCrs}); ${flagged} with flags; written to ${values.out}\n`);
  return 0;
}

async function workspace(args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError('workspace takes one MANIFEST argument');
  const { ws } = await openWorkspace(args[0]!);
  const summary = {
    name: ws.manifest.name,
    schemaVersion: ws.manifest.schemaVersion,
    areaCrs: ws.manifest.areaCrs ?? null,
    layers: ws.layers.map((l) => ({ id: l.id, kind: l.kind, path: l.path, format: l.format, encoding: l.encoding, crs: l.crs, featureCount: l.featureCount, bbox: l.bboxLonLat })),
    imagery: ws.imagery.map((i) => ({ id: i.id, path: i.path, date: i.date, crs: i.crs, width: i.width, height: i.height })),
    caseCount: ws.cases.length,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 2;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'inspect':
        return await inspect(args);
      case 'convert':
        return await convert(args);
      case 'coord':
        return coord(args);
      case 'verify':
        return await verify(args);
      case 'workspace':
        return await workspace(args);
      case 'report':
        return await report(args, { text: readFileSync(DEFAULT_RULES, 'utf8'), file: 'data/rules/default.json' }, VERSION);
      default:
        throw new UsageError(`unknown command "${command}" (see landcheck --help)`);
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof ReportUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`landcheck: ${(error as Error).message.split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof Error && /^unknown coordinate system/.test(error.message)) {
      process.stderr.write(`landcheck: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
