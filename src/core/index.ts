// The one import surface of the core for the app, the workers and the CLI.
export * from './model';
export * from './errors';
export * from './manifest';
export * from './crs/registry';
export * from './crs/reproject';
export * from './landuse/gbt21010';
export * from './cases/ledger';
export * from './crs/detect';
export * from './crs/area';
export * from './crs/wkt';
export * from './fields/aliases';
export * from './validate/validate';
export * from './coords/angles';
export * from './crs/chinese';
