export { detectChanges, type Change } from './detect.js';
export { createFilter, updateFilter } from './filter.js';
export {
  CHANGE_TYPES,
  DEFAULT_MODEL,
  DEFAULT_OPTIONS,
  STATES,
  type ChangeType,
  type FilterOptions,
  type FilterState,
  type FilterUpdate,
  type ModelConstants,
  type Probabilities,
  type SeasonOption,
  type State,
} from './model.js';
export { parseSeriesCsv, parseTimestamp, SERIES_HEADER, SeriesFileError, type Series } from './series-csv.js';
