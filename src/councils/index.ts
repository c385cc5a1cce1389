export type { Body, BodyKind } from './model.js';
export { BODY_KINDS } from './model.js';
export { isMember, holdsOffice, requireMember, requireOffice } from './access.js';
export { createBody, addMembers, grantOffice, listBodies, getBody, type NewBody } from './service.js';
export { councilRoutes } from './routes.js';
