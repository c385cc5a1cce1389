export { appendAudit, appendAuditMany, auditValues, type AuditEntry } from './append.js';
export { sealBatch, sealAll, registerKey, type SealResult } from './seal.js';
export { verifyChain, type VerifyReport, type BrokenLink } from './verify.js';
export { loadOrCreateSigningKey, ephemeralSigningKey, type SigningKey } from './keys.js';
export { sealedEvents, checkpoints, publicKeys, type SealedEvent, type CheckpointView } from './read.js';
export { canonicalJson } from './canonical.js';
