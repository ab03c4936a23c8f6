import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLayerStore, mapFields, parseRuleSet, RULES, transformBetween, verifyCase } from '../../src/core';
import type { CaseRecord, FeatureCollection, LayerKind, Position, VerifyWorkspace } from '../../src/core';
import { ROOT } from '../support/paths';

// One folder per rule with fixtures that must flag (true/) and must not (false/), Turf style. Each
// fixture is a tiny workspace in EPSG:4547 built from boxes, so the expected answer is plain to see.

interface FixtureCase { id: string; e: number; n: number; radiusM?: number; receivedDate: string; petitioner?: string }
interface Fixture {
  about: string;
  case: FixtureCase;
  otherCases?: FixtureCase[];
  layers: { kind: LayerKind; id?: string; fields?: Record<string, string>; features: { box: [number, number, number, number]; properties: Record<string, string> }[] }[];
}

const DIR = join(ROOT, 'tests/fixtures/rules');
const ruleSet = parseRuleSet(readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8'), 'default.json');
const toLonLat = transformBetween('EPSG:4547', 'EPSG:4490');

function record(c: FixtureCase): CaseRecord {
  return {
    id: c.id, receivedDate: c.receivedDate, channel: null, category: null, petitioner: c.petitioner ?? null, phone: null, complaint: null, demands: null,
    place: null, status: null, officer: null, geometry: { type: 'Point', coordinates: toLonLat([c.e, c.n]) }, radiusM: c.radiusM ?? 20, attributes: {},
  };
}

function workspace(fixture: Fixture): VerifyWorkspace {
  const layers = fixture.layers.map((l, i) => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: l.features.map(({ box: [a, b, c, d], properties }) => {
        const ring: Position[] = [[a, b], [c, b], [c, d], [a, d], [a, b]].map((p) => toLonLat(p as Position));
        return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties };
      }),
    };
    const fields = mapFields(l.kind, [...new Set(l.features.flatMap((f) => Object.keys(f.properties)))], l.fields);
    return { store: buildLayerStore(l.id ?? `${l.kind}-${i}`, l.kind, collection, 'EPSG:4547', fields.id ?? null), fields };
  });
  return { areaCrs: 'EPSG:4547', layers, ruleSet, cases: [fixture.case, ...(fixture.otherCases ?? [])].map(record) };
}

const codes = readdirSync(DIR).sort();

describe('every rule of the registry has fixtures that flag and that do not', () => {
  it('covers the whole registry', () => expect(codes).toEqual(RULES.map((r) => r.code).sort()));
});

describe.each(codes)('%s', (code) => {
  for (const verdict of ['true', 'false'] as const) {
    const files = readdirSync(join(DIR, code, verdict)).filter((f) => f.endsWith('.json'));
    it.each(files)(`${verdict}/%s`, (file) => {
      const fixture = JSON.parse(readFileSync(join(DIR, code, verdict, file), 'utf8')) as Fixture;
      const ws = workspace(fixture);
      const result = verifyCase(ws, ws.cases[0]!);
      const flagged = result.flags.map((f) => f.code);
      if (verdict === 'true') expect(flagged, fixture.about).toContain(code);
      else expect(flagged, fixture.about).not.toContain(code);
    });
  }
});

describe('thresholds come from the rules file', () => {
  it('raising BASIC_FARMLAND.minAreaM2 above the overlap turns the flag off', () => {
    const fixture = JSON.parse(readFileSync(join(DIR, 'BASIC_FARMLAND/true/a-two-square-metre-sliver.json'), 'utf8')) as Fixture;
    const ws = workspace(fixture);
    const strict = { ...ruleSet, rules: ruleSet.rules.map((r) => (r.code === 'BASIC_FARMLAND' ? { ...r, minAreaM2: 5 } : r)) };
    expect(verifyCase({ ...ws, ruleSet: strict }, ws.cases[0]!).flags.map((f) => f.code)).not.toContain('BASIC_FARMLAND');
  });

  it('messages are in zh-CN by default and in English on request', () => {
    const fixture = JSON.parse(readFileSync(join(DIR, 'BASIC_FARMLAND/true/inside-basic-farmland.json'), 'utf8')) as Fixture;
    const ws = workspace(fixture);
    expect(verifyCase(ws, ws.cases[0]!).flags[0]!.message).toMatch(/^占用永久基本农田约1\.88亩/);
    expect(verifyCase(ws, ws.cases[0]!, 'en').flags[0]!.message).toMatch(/^Occupies about 1\.88 mu/);
  });
});
