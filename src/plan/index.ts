// The plan module's public face: what the server, the CLI and other modules (the monitor
// reads targets) may use. Pure numerics are in ./solve, the IO table formats in ./io.
export type { DemandRow, DemandSource, Product, Target, Technique, VariantLine, VariantResult, VariantSpec } from './model.js';
export { DEMAND_SOURCES, VARIANT_METHODS } from './model.js';
export { finalDemand, solveBalanced, splitTargets } from './balance.js';
export {
  PLANNER_OFFICE,
  importTable,
  getModel,
  registerEnterprise,
  mapGoods,
  addDemand,
  demandFromSupply,
  demandOf,
  createVariant,
  compareVariants,
  putToVote,
  getPlan,
  plansOf,
  targetsOf,
  proposeCounterPlan,
  counterPlans,
  type ImportSummary,
} from './service.js';
export { planRoutes } from './routes.js';
