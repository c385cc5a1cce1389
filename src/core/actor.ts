/** Who is acting. Every audit event names its actor; authorisation starts from it. */
export type Actor =
  | { kind: 'person'; id: string; isAdmin: boolean }
  | { kind: 'token'; id: string; personId: string; isAdmin: boolean; scopes: readonly string[] }
  | { kind: 'system'; name: string }
  | { kind: 'anonymous' };

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor = (name = 'system'): Actor => ({ kind: 'system', name });

/** The person behind an actor, if any (a token acts for the person who created it). */
export function personOf(actor: Actor): string | undefined {
  return actor.kind === 'person' ? actor.id : actor.kind === 'token' ? actor.personId : undefined;
}

/** How an actor is written on the audit chain. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'person':
      return `person:${actor.id}`;
    case 'token':
      return `token:${actor.id}`;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}
