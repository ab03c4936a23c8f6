import { overlapAreaRule } from './rule';

/** ECO_REDLINE: overlap with the ecological red line of at least minAreaM2. */
export const ecoRedline = overlapAreaRule('ECO_REDLINE', 'eco_redline');
