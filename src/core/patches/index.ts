export * from './patchModel';
export * from './patchFacts';
export * from './suggest';
export * from './review';
export * from './queue';
export * from './summary';
export * from './imageryChoice';
export * from './exportColumns';
