import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/locales/en';
import { zhCN } from '../../src/ui/locales/zh-CN';
import { ROOT } from '../support/paths';

const keys = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('translations', () => {
  it('English has every zh-CN key and no other', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('English messages contain no Chinese except the language name 中文', () => {
    const chinese = keys(en).filter((k) => {
      const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], en) as string;
      return /[\u4e00-\u9fff]/.test(value) && value !== '中文';
    });
    expect(chinese).toEqual([]);
  });

  it('components show no Chinese string literals (all user text goes through i18n)', () => {
    const dir = join(ROOT, 'src/ui/components');
    const offenders = readdirSync(dir).filter((f) => /[\u4e00-\u9fff]/.test(readFileSync(join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
