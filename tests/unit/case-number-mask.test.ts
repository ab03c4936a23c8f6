import { describe, expect, it } from 'vitest';
import { CaseNumberPatternError, DEFAULT_CASE_NUMBER_PATTERN, maskIdNumber, maskName, maskPhone, maskText, nextCaseNumber, petitionerSecrets } from '../../src/core';

describe('case numbers', () => {
  it('takes one more than the highest number of the year, padded to the pattern', () => {
    const existing = ['XF-2026-0007', 'XF-2026-0012', 'XF-2025-0099', 'HK-2026-001', 'XF-2026-00x3'];
    // 2026's highest is 12 (2025's 99 is another year's run): next is 13.
    expect(nextCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, existing, '2026-03-01')).toBe('XF-2026-0013');
    expect(nextCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, existing, '2027-01-02')).toBe('XF-2027-0001');
    expect(nextCaseNumber(DEFAULT_CASE_NUMBER_PATTERN, [], '2026-03-01')).toBe('XF-2026-0001');
  });

  it('restarts each month with {MM}, and grows past its width rather than wrap', () => {
    expect(nextCaseNumber('{YY}{MM}-{NNN}', ['2603-005', '2602-010', '2503-900'], '2026-03-15')).toBe('2603-006');
    expect(nextCaseNumber('A-{NN}', ['A-98', 'A-99'], '2026-03-15')).toBe('A-100');
    // Pattern characters that mean something in a regular expression are plain text.
    expect(nextCaseNumber('信(访).{YYYY}.{NNN}', ['信(访).2026.041'], '2026-05-05')).toBe('信(访).2026.042');
  });

  it('refuses a pattern without a running number or with an unknown placeholder', () => {
    expect(() => nextCaseNumber('XF-{YYYY}', [], '2026-03-01')).toThrow(/needs a running number such as \{NNNN\}/);
    expect(() => nextCaseNumber('{NN}-{NNN}', [], '2026-03-01')).toThrow(/more than one running number/);
    expect(() => nextCaseNumber('XF-{DD}-{NNN}', [], '2026-03-01')).toThrow(CaseNumberPatternError);
    expect(() => nextCaseNumber('XF-{NNN', [], '2026-03-01')).toThrow(CaseNumberPatternError);
  });
});

describe('masking the petitioner', () => {
  it('keeps the surname of each name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张三、李四')).toBe('张*、李*');
    expect(maskName('王')).toBe('*');
    expect(maskName(null)).toBeNull();
  });

  it('keeps a mobile\'s first 3 and last 4 digits, other numbers\' last 4, and the separators', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138-****-5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('+86 138 **** 5678');
    expect(maskPhone('0713-8351234')).toBe('****-***1234');
    expect(maskPhone('13812345678/0713-8351234')).toBe('138****5678/****-***1234');
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone(null)).toBeNull();
  });

  it('keeps an ID number\'s region code and last 4', () => {
    expect(maskIdNumber('420102199001011234')).toBe('420102********1234');
    expect(maskIdNumber('42010219900101123X')).toBe('420102********123X');
    expect(maskIdNumber('420102900101123')).toBe('420102*****1123'); // 15-digit card: 15 − 10 = 5 stars
    expect(maskIdNumber(null)).toBeNull();
  });

  it('masks the petitioner wherever the complaint repeats them', () => {
    const secrets = petitionerSecrets('郭涛、郭明', '136-7140-0095', '420102199001011234');
    expect(secrets).toEqual(['郭涛', '郭明', '136-7140-0095', '420102199001011234']);
    const text = '我叫郭涛（身份证420102199001011234），和郭明一起反映，电话13671400095，也可打136 7140 0095。';
    expect(maskText(text, secrets)).toBe('我叫郭*（身份证420102********1234），和郭*一起反映，电话136****0095，也可打136 **** 0095。');
    // The longer name is masked whole; one-character secrets are left alone.
    expect(maskText('张三丰和张三', ['张三', '张三丰', '张'])).toBe('张**和张*');
    expect(maskText('<b>郭涛</b>', ['郭涛'])).toBe('<b>郭*</b>');
    expect(maskText(null, ['郭涛'])).toBeNull();
  });
});
