// ledger strings (zh-CN first; en must have the same keys). Merged into the app's messages under "ledger".
export const ledgerZhCN = {
  heading: 'ledger',
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const ledgerEn: Messages<typeof ledgerZhCN> = {
  heading: 'ledger',
};
