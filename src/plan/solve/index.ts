/** Pure numerics of the plan: sparse matrices, the Leontief model and its solvers. */
export * from './blocked.js';
export * from './csr.js';
export * from './dense-lu.js';
export * from './iterative.js';
export * from './productivity.js';
export * from './leontief.js';
