import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerificationRun } from '../../src/io/verification';
import { ROOT, SAMPLE_DIR } from '../support/paths';
import { verifySample } from '../support/sampleVerification';

// The sample county verified end to end: every case shows the flags it was made for, the breakdown
// adds up, the opinion's figures come from overlap rows, and the whole output matches a reviewed golden
// (regenerate with UPDATE=1 and read the diff).

const GOLDEN = join(ROOT, 'tests/fixtures/golden/sample-verification.json');
interface Design { cases: { id: string; madeFor: string[]; noFinding: boolean }[] }
let run: VerificationRun;

beforeAll(async () => {
  run = await verifySample();
});

describe('verifying the sample county', () => {
  it('shows on every case the flags it was made for, and nothing on the no-finding case', () => {
    const design = JSON.parse(readFileSync(join(SAMPLE_DIR, 'sample-design.json'), 'utf8')) as Design;
    for (const entry of design.cases) {
      const flags = run.document.cases.find((c) => c.id === entry.id)!.flags.map((f) => f.code);
      expect(flags, entry.id).toEqual(expect.arrayContaining(entry.madeFor));
      if (entry.noFinding) expect(flags, entry.id).toEqual([]);
    }
  });

  it('has a breakdown whose parts add up to the total for every case inside the survey', () => {
    for (const c of run.document.cases) {
      const b = c.breakdown;
      const parts = b.farmlandMu + b.otherAgriculturalMu + b.unusedMu + b.constructionMu;
      expect(parts + b.remainderMu).toBeCloseTo(b.totalMu, 9);
      // The survey is wall to wall; what is left is the slivers between plots (hundredths of a m²).
      if (!c.flags.some((f) => f.code === 'NO_DATA')) expect(Math.abs(b.remainderMu), c.id).toBeLessThan(0.001);
    }
  });

  it('states in the opinion only areas that are overlap rows or breakdown figures', () => {
    for (const c of run.document.cases) {
      const known = new Set<string>([
        ...c.overlaps.map((o) => o.areaMu.toFixed(2)),
        ...Object.values(c.breakdown).map((v) => v.toFixed(2)),
        ...c.flags.map((f) => (f.areaM2 / (10000 / 15)).toFixed(2)),
      ]);
      const facts = c.opinion.text.split('三、')[0]!;
      const stated = [...facts.matchAll(/(\d+\.\d{2})亩/g)].map((m) => m[1]!);
      expect(stated.filter((v) => !known.has(v)), c.id).toEqual([]);
    }
  });

  it('cites layer checksums and matches the golden verification.json', () => {
    expect(run.document.layers.every((l) => /^[0-9a-f]{64}$/.test(l.sha256))).toBe(true);
    const text = `${JSON.stringify(run.document, null, 2)}\n`;
    if (process.env.UPDATE === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
