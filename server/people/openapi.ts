import { z } from 'zod';
import {
  AccountSchema,
  AccountUpdateRequestSchema,
  InvitationRequestSchema,
  InvitationSchema,
  PasswordChangeRequestSchema,
  PasswordChangeResponseSchema,
  PeopleSearchRequestSchema,
  PeopleSearchResponseSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  RedeemInvitationRequestSchema,
} from '../../src/shared/wire';

/** The accounts, invitations and password routes' part of the OpenAPI document (routes/people.ts). */
export function peopleOpenApi(): { schemas: Record<string, unknown>; paths: Record<string, unknown> } {
  const schema = (value: z.ZodType, io: 'input' | 'output' = 'output'): unknown => {
    const generated: Record<string, unknown> = z.toJSONSchema(value, { unrepresentable: 'any', io });
    delete generated.$schema;
    return generated;
  };
  const json = (name: string) => ({
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
  });
  const protocol = {
    name: PROTOCOL_HEADER,
    in: 'header',
    required: true,
    schema: { type: 'integer', const: PROTOCOL_VERSION },
  };
  const error = { default: { description: 'Error', ...json('Error') } };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const post = (
    request: string,
    response: string,
    description: string,
    options: { bearer?: boolean; id?: boolean } = {},
  ) => ({
    post: {
      parameters: options.id === true ? [protocol, id] : [protocol],
      ...(options.bearer === false ? {} : { security: [{ bearer: [] }] }),
      requestBody: json(request),
      responses: { 200: { description, ...json(response) }, ...error },
    },
  });
  return {
    schemas: {
      Account: schema(AccountSchema),
      AccountUpdateRequest: schema(AccountUpdateRequestSchema, 'input'),
      InvitationRequest: schema(InvitationRequestSchema, 'input'),
      Invitation: schema(InvitationSchema),
      RedeemInvitationRequest: schema(RedeemInvitationRequestSchema, 'input'),
      PasswordChangeRequest: schema(PasswordChangeRequestSchema, 'input'),
      PasswordChangeResponse: schema(PasswordChangeResponseSchema),
      PeopleSearchRequest: schema(PeopleSearchRequestSchema, 'input'),
      PeopleSearchResponse: schema(PeopleSearchResponseSchema),
      Empty: { type: 'object', additionalProperties: false },
    },
    paths: {
      '/api/auth/invitation': post('RedeemInvitationRequest', 'LoginResponse', 'Joined and signed in', {
        bearer: false,
      }),
      '/api/auth/password': post('PasswordChangeRequest', 'PasswordChangeResponse', 'Changed; other sessions ended'),
      '/api/people/search': post('PeopleSearchRequest', 'PeopleSearchResponse', 'Matching accounts'),
      '/api/people/invitations': post('InvitationRequest', 'Invitation', 'The invited account and its one-time code'),
      '/api/people/{id}/invitation': post('Empty', 'Invitation', 'A new code', { id: true }),
      '/api/people/{id}': post('AccountUpdateRequest', 'Account', 'The changed account', { id: true }),
    },
  };
}
