// dashboard strings (zh-CN first; en must have the same keys). Merged into the app's messages under "dashboard".
export const dashboardZhCN = {
  heading: 'dashboard',
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const dashboardEn: Messages<typeof dashboardZhCN> = {
  heading: 'dashboard',
};
