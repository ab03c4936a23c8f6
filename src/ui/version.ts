import pkg from '../../package.json';

/** The software version written into saved facts and reports (traceability, DESIGN §5). */
export const SOFTWARE_VERSION = `LandCheck ${pkg.version}`;
