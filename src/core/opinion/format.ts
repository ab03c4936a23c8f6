import type { Lang } from '../rules/ruleSet';

// Number and list formatting as officers write them.

export const mu2 = (mu: number) => mu.toFixed(2);
export const m2 = (m2: number) => m2.toFixed(1);
export const pct = (share: number) => (share * 100).toFixed(1);
export const list = (items: string[], lang: Lang) => items.join(lang === 'zh-CN' ? '、' : ', ');
export const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
