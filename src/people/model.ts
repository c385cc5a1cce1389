export interface Person {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  createdAt: Date;
}

/** Token scopes. `write` implies `read`; `report` may only submit production reports. */
export const SCOPES = ['read', 'write', 'report'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiToken {
  id: string;
  personId: string;
  name: string;
  scopes: Scope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface SessionInfo {
  person: Person;
  csrfToken: string;
  expiresAt: Date;
}
