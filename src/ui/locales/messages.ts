/** A translation with exactly the keys of the zh-CN messages `T` (a missing or extra key is a compile error). */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
