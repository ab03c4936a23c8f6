import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, migrateCaseFile } from '../../src/core';
import { ROOT } from '../support/paths';

// Every case file version ever written stays here as a fixture and must keep reading.
const v1 = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/case-file/v1.json'), 'utf8')) as Record<string, unknown>;
const where = 'workspace backup.zip: cases/XF-2026-0001.json';

function problem(raw: unknown): string {
  try {
    migrateCaseFile(raw, where);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('reading stored case files', () => {
  it('reads a version 1 file as written, filling what older snapshots lack', () => {
    const file = migrateCaseFile(v1, where);
    expect(file.status).toBe('verifying');
    expect(file.extension).toEqual({ days: 30, grantedDate: '2026-08-20', reason: '需现场测量' });
    expect(file.record.geometry).toEqual({ type: 'Point', coordinates: [114.88, 30.44] });
    expect(file.audit).toHaveLength(5);
    expect(file.audit[1]).toEqual({ at: '2026-07-03T09:00:00+08:00', by: '王敏', action: 'status', from: 'registered', to: 'accepted' });
    // The fixture's snapshot predates the engine's draft being kept with it.
    expect(file.lastVerification).toMatchObject({ rulesVersion: '2026.1', draft: '', draftLang: 'zh-CN' });
  });

  it('refuses a file from a newer LandCheck, saying so', () => {
    expect(problem({ ...v1, schemaVersion: 2 })).toBe(
      `${where}: schemaVersion: this case file was written by a newer LandCheck (schema version 2); this version reads up to 1. Update LandCheck to open it.`,
    );
  });

  it('names the field that is wrong and what was expected', () => {
    expect(problem(null)).toBe(`${where}: case file: expected an object, found null`);
    expect(problem({ ...v1, schemaVersion: '1' })).toBe(`${where}: schemaVersion: expected a schema version number, found "1"`);
    expect(problem({ ...v1, status: 'pending' })).toMatch(/: status: expected one of registered, accepted, .*closed, found "pending"$/);
    expect(problem({ ...v1, acceptedDate: '2026/7/3' })).toBe(`${where}: acceptedDate: expected a date YYYY-MM-DD or null, found "2026/7/3"`);
    expect(problem({ ...v1, record: { ...(v1.record as object), geometry: { type: 'Point', coordinates: ['114', 30] } } })).toBe(
      `${where}: record.geometry.coordinates: expected a coordinate [x, y], found ["114",30]`,
    );
    expect(problem({ ...v1, extension: { days: 0, grantedDate: '2026-08-20', reason: '' } })).toMatch(/extension\.days: expected a whole number of days, at least 1, found 0$/);
    expect(problem({ ...v1, audit: [{ at: 'x', by: 'y', action: 'deleted' }] })).toMatch(/audit\[0\]\.action: expected one of registered, .* found "deleted"$/);
  });
});
