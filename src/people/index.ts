export type { Person, ApiToken, Scope, SessionInfo } from './model.js';
export { SCOPES } from './model.js';
export { requireAdmin, requirePerson, isAdminActor } from './access.js';
export {
  addPerson,
  changePassword,
  login,
  logout,
  checkSession,
  watchSessionChanges,
  SESSION_CACHE_MS,
  SESSIONS_TOPIC,
  createToken,
  listTokens,
  revokeToken,
  checkToken,
  countPeople,
  personById,
  type LoginSettings,
  type NewPerson,
  type NewToken,
} from './service.js';
export { peopleRoutes, SESSION_COOKIE, type PeopleRouteOptions } from './routes.js';
export { personByUsername } from './store.js';
