// The supply module's public face: what other modules (the plan, the monitor) and the
// server may use. Pure ration code is in ./ration.
export { importHouseholds, registerHousehold, getHousehold, findHouseholds, moveHousehold, reissueCard, openDuplicates, resolveDuplicate, requireSupplyOfficer, SUPPLY_OFFICES } from './households.js';
export { createGood, listGoods, recordStockMove, stockOf, ledgerOf, parseNeedRule, UNITS, type Good } from './stock.js';
export { createPeriod, getPeriod, computeRations, closePeriod, entitlementOf, setPolicy, policyOf, type Period } from './periods.js';
export { recordPickup, type PickupInput, type PickupResult } from './pickups.js';
export { deliverToDistrict, bodiesIRun, type DistrictDelivery } from './district.js';
export { unmetNeed, unmetByGood, type UnmetRow } from './unmet.js';
export { rationsOfGoods, type RationExposure } from './exposure.js';
export { supplyRoutes } from './routes.js';
