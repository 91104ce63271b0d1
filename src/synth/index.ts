/**
 * The synthetic population generator: deterministic, fictional people and cases for the demo partnership,
 * calibrated to the briefing note. Pure: no I/O; a loader elsewhere writes the output to a database.
 */

export * from './childrens-homes.ts';
export { type CalibrationFigures, isRepeatMissing, measure } from './measures.ts';
export { NICKNAMES } from './names.ts';
export * from './partnership.ts';
export type * from './partnership-types.ts';
export {
  describePopulation,
  GENERATOR_VERSION,
  generatePopulation,
  generatePopulationChunks,
} from './population.ts';
export { SOURCE_RECORD_ERRORS, type SourceRecordError } from './record-errors.ts';
export type * from './types.ts';
