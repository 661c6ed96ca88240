/** A new id for an entity, a mutation or a client, made on this device so it can be used while offline. */
export function newId(): string {
  return crypto.randomUUID();
}
