import { z } from 'zod';
import {
  ChangeSchema,
  HealthResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  LogoutResponseSchema,
  MUTATION_ARGS,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullPageSchema,
  RecentQuerySchema,
  RecentSnapshotSchema,
  PullQuerySchema,
  PushRequestSchema,
  PushResponseSchema,
  RevokeSessionsResponseSchema,
  SessionUserSchema,
  UploadResponseSchema,
  WireErrorSchema,
  ENTITY_SCHEMAS,
} from '../src/shared/wire';
import { peopleOpenApi } from './people/openapi';

/** The OpenAPI document, generated from the same zod schemas the server validates with. */
function schema(value: z.ZodType, io: 'input' | 'output' = 'output'): unknown {
  const generated: Record<string, unknown> = z.toJSONSchema(value, {
    unrepresentable: 'any',
    io,
    target: 'draft-2020-12',
  });
  delete generated.$schema;
  return generated;
}

const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string): unknown => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = {
  default: { description: 'Error', ...(json('Error') as object) },
};
const protocol = {
  name: PROTOCOL_HEADER,
  in: 'header',
  required: true,
  schema: { type: 'integer', const: PROTOCOL_VERSION },
};
const bearer = [{ bearer: [] }];

export function buildOpenApi(): unknown {
  const entities = Object.fromEntries(
    Object.entries(ENTITY_SCHEMAS).map(([type, value]) => [`Entity.${type}`, schema(value)]),
  );
  const mutations = Object.fromEntries(
    Object.entries(MUTATION_ARGS).map(([name, value]) => [`MutationArgs.${name}`, schema(value, 'input')]),
  );
  const pullQuery = schema(PullQuerySchema, 'input') as { properties: Record<string, unknown> };
  const recentQuery = schema(RecentQuerySchema, 'input') as { properties: Record<string, unknown> };
  const people = peopleOpenApi();
  return {
    openapi: '3.1.0',
    info: { title: 'Collective Brain sync server', version: String(PROTOCOL_VERSION) },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: schema(WireErrorSchema),
        LoginRequest: schema(LoginRequestSchema, 'input'),
        LoginResponse: schema(LoginResponseSchema),
        LogoutResponse: schema(LogoutResponseSchema),
        RevokeSessionsResponse: schema(RevokeSessionsResponseSchema),
        SessionUser: schema(SessionUserSchema),
        Change: schema(ChangeSchema),
        PullPage: schema(PullPageSchema),
        RecentSnapshot: schema(RecentSnapshotSchema),
        PushRequest: schema(PushRequestSchema, 'input'),
        PushResponse: schema(PushResponseSchema),
        UploadResponse: schema(UploadResponseSchema),
        Health: schema(HealthResponseSchema),
        ...entities,
        ...mutations,
        ...people.schemas,
      },
    },
    paths: {
      ...people.paths,
      '/api/health': { get: { responses: { 200: { description: 'Ready', ...(json('Health') as object) } } } },
      '/api/auth/login': {
        post: {
          parameters: [protocol],
          requestBody: json('LoginRequest'),
          responses: { 200: { description: 'Signed in', ...(json('LoginResponse') as object) }, ...errors },
        },
      },
      '/api/auth/refresh': {
        post: {
          parameters: [protocol],
          security: bearer,
          responses: { 200: { description: 'New token', ...(json('LoginResponse') as object) }, ...errors },
        },
      },
      '/api/auth/logout': {
        post: {
          parameters: [protocol],
          security: bearer,
          responses: { 200: { description: 'Revoked', ...(json('LogoutResponse') as object) }, ...errors },
        },
      },
      '/api/auth/sessions/revoke': {
        post: {
          summary: 'Sign out everywhere: every session of the caller ends',
          parameters: [protocol],
          security: bearer,
          responses: { 200: { description: 'Revoked', ...(json('RevokeSessionsResponse') as object) }, ...errors },
        },
      },
      '/api/users/{id}/sessions/revoke': {
        post: {
          summary: 'An admin ends every session of an account',
          parameters: [
            protocol,
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          security: bearer,
          responses: { 200: { description: 'Revoked', ...(json('RevokeSessionsResponse') as object) }, ...errors },
        },
      },
      '/api/auth/me': {
        get: {
          parameters: [protocol],
          security: bearer,
          responses: { 200: { description: 'The user', ...(json('SessionUser') as object) }, ...errors },
        },
      },
      '/api/sync/pull': {
        get: {
          parameters: [
            protocol,
            ...Object.entries(pullQuery.properties).map(([name, value]) => ({
              name,
              in: 'query',
              required: false,
              schema: value,
            })),
          ],
          security: bearer,
          responses: { 200: { description: 'A page of changes', ...(json('PullPage') as object) }, ...errors },
        },
      },
      '/api/sync/recent': {
        get: {
          parameters: [
            protocol,
            ...Object.entries(recentQuery.properties).map(([name, value]) => ({
              name,
              in: 'query',
              required: false,
              schema: value,
            })),
          ],
          security: bearer,
          responses: {
            200: { description: 'The newest discussion, for a first sync', ...(json('RecentSnapshot') as object) },
            ...errors,
          },
        },
      },
      '/api/sync/push': {
        post: {
          parameters: [protocol],
          security: bearer,
          requestBody: json('PushRequest'),
          responses: {
            200: { description: 'One result per mutation', ...(json('PushResponse') as object) },
            ...errors,
          },
        },
      },
      '/api/sync/live': {
        get: {
          parameters: [protocol],
          security: bearer,
          responses: {
            200: { description: 'Server-Sent Events: `changes` with data {seq}', content: { 'text/event-stream': {} } },
          },
        },
      },
      '/api/files': {
        post: {
          parameters: [
            protocol,
            { name: 'x-content-sha256', in: 'header', required: true, schema: { type: 'string' } },
          ],
          security: bearer,
          requestBody: { content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            200: { description: 'Already stored', ...(json('UploadResponse') as object) },
            201: { description: 'Stored', ...(json('UploadResponse') as object) },
            ...errors,
          },
        },
      },
      '/api/files/{sha256}': {
        get: {
          parameters: [protocol, { name: 'sha256', in: 'path', required: true, schema: { type: 'string' } }],
          security: bearer,
          responses: {
            200: { description: 'The file', content: { '*/*': {} } },
            206: { description: 'A byte range', content: { '*/*': {} } },
            304: { description: 'Not modified' },
            ...errors,
          },
        },
      },
    },
  };
}
