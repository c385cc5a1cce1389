export type { Body, BodyKind } from './model.js';
export { BODY_KINDS } from './model.js';
export { isMember, holdsOffice, requireMember, requireOffice } from './access.js';
export { createBody, addMembers, grantOffice, listBodies, getBody, setParent, delegationView, type NewBody } from './service.js';
export { parseCharter, seatCount, recallThreshold, DEFAULT_CHARTER, type Charter } from './charter.js';
export { callElection, nominate, openVoting, castBallot, countElection, publishedBallots, checkReceipt, openByElection } from './elections.js';
export { ensureSeats, createSeats, recordDelegate, withdrawConfidence, restoreConfidence, type RecallOutcome } from './recall.js';
export { councilRoutes } from './routes.js';
