import type { Invitation, LoginResponse, Role } from '../../src/shared/wire';
import type { ApiClient } from './harness';

/** An admin invites someone, who redeems the code with their own password: the account's first token. */
export async function inviteAndJoin(
  api: ApiClient,
  adminToken: string,
  person: { email: string; displayName: string; roles: Role[]; password: string },
): Promise<{ id: string; token: string }> {
  const invited = await api.request<Invitation>('POST', '/api/people/invitations', {
    token: adminToken,
    body: { email: person.email, displayName: person.displayName, roles: person.roles },
  });
  if (invited.status !== 200) throw new Error(`invite ${person.email}: ${invited.status} ${invited.text}`);
  const joined = await api.request<LoginResponse>('POST', '/api/auth/invitation', {
    body: { email: person.email, code: invited.body.code, password: person.password },
  });
  if (joined.status !== 200) throw new Error(`redeem ${person.email}: ${joined.status} ${joined.text}`);
  return { id: invited.body.account.id, token: joined.body.token };
}
