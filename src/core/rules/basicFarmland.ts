import { overlapAreaRule } from './rule';

/** BASIC_FARMLAND: overlap with permanent basic farmland of at least minAreaM2. */
export const basicFarmland = overlapAreaRule('BASIC_FARMLAND', 'basic_farmland');
