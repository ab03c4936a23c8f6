// caseDesk strings (zh-CN first; en must have the same keys). Merged into the app's messages under "caseDesk".
export const caseDeskZhCN = {
  heading: 'caseDesk',
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const caseDeskEn: Messages<typeof caseDeskZhCN> = {
  heading: 'caseDesk',
};
