export { allocateByLot, allocateRations, RATION_METHODS, type ClaimColumns, type RationMethod } from './allocate.js';
export { splitDelivery, type CommitteeClaims, type CommitteeRations } from './district.js';
export { csvField, HOUSEHOLD_HEADER, HouseholdFileError, MAX_PEOPLE, parseHouseholdsCsv, type HouseholdTable } from './households-csv.js';
export { drawLots, fillToLevel } from './level.js';
export {
  equivalentTenths,
  householdClaims,
  householdNeed,
  householdWeight,
  OECD_MODIFIED,
  type CountColumns,
  type HouseholdCounts,
  type NeedRule,
  type ScaleTenths,
} from './need.js';
