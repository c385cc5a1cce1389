export { loadSmallDemo, type DemoResult } from './load.js';
export { SMALL_BODIES, smallPeople } from './small.js';
