import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../server/openapi';
import {
  ChangeSchema,
  checkProtocolVersion,
  hasCapability,
  MUTATION_ARGS,
  MUTATION_NAMES,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PushRequestSchema,
  ThreadSchema,
  WIRE_ERROR_CODES,
  WIRE_ERROR_STATUS,
} from '../../src/shared/wire';

describe('wire: protocol version', () => {
  it.each([
    [undefined, { ok: false, code: 'protocol-missing' }],
    ['', { ok: false, code: 'protocol-missing' }],
    ['1.0', { ok: false, code: 'protocol-missing' }],
    ['-1', { ok: false, code: 'protocol-missing' }],
    ['0', { ok: false, code: 'protocol-too-old' }],
    [String(PROTOCOL_VERSION + 1), { ok: false, code: 'protocol-too-new' }],
    [` ${PROTOCOL_VERSION} `, { ok: true, version: PROTOCOL_VERSION }],
  ])('%j', (header, expected) => {
    expect(checkProtocolVersion(header)).toEqual(expected);
  });
});

describe('wire: schemas', () => {
  const thread = {
    id: '6f1c1f5e-2d4b-4c1a-9a57-0d1e2f3a4b5c',
    categoryId: '6f1c1f5e-2d4b-4c1a-9a57-0d1e2f3a4b5d',
    authorId: '6f1c1f5e-2d4b-4c1a-9a57-0d1e2f3a4b5e',
    title: 'Hello',
    language: 'ar',
    tags: [],
    locked: false,
    pinned: false,
    hidden: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  it('reject unknown fields everywhere', () => {
    expect(ThreadSchema.safeParse(thread).success).toBe(true);
    expect(ThreadSchema.safeParse({ ...thread, colour: 'red' }).success).toBe(false);
    expect(PullQuerySchema.safeParse({ cursor: '', since: '1' }).success).toBe(false);
    expect(
      PushRequestSchema.safeParse({ clientId: 'c', mutations: [{ id: 'a', name: 'x', args: {} }], x: 1 }).success,
    ).toBe(false);
    for (const name of MUTATION_NAMES) {
      expect(MUTATION_ARGS[name].safeParse({ id: thread.id, unexpected: true }).success).toBe(false);
    }
  });

  it('tie each change to its entity type and allow tombstones without data', () => {
    const envelope = { seq: 1, id: thread.id, version: 1 };
    expect(ChangeSchema.safeParse({ ...envelope, type: 'thread', op: 'upsert', data: thread }).success).toBe(true);
    expect(ChangeSchema.safeParse({ ...envelope, type: 'post', op: 'upsert', data: thread }).success).toBe(false);
    expect(ChangeSchema.safeParse({ ...envelope, type: 'post', op: 'delete' }).success).toBe(true);
  });

  it('give every error code a status', () => {
    for (const code of WIRE_ERROR_CODES) expect(WIRE_ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  it('grant capabilities by role', () => {
    expect(hasCapability(['participant'], 'forum.write')).toBe(true);
    expect(hasCapability(['participant'], 'library.write')).toBe(false);
    expect(hasCapability(['participant', 'facilitator'], 'library.write')).toBe(true);
    expect(hasCapability(['moderator'], 'users.manage')).toBe(false);
    expect(hasCapability(['admin'], 'users.manage')).toBe(true);
  });

  it('publish every schema in the OpenAPI document', () => {
    const doc = buildOpenApi() as { components: { schemas: Record<string, unknown> } };
    for (const name of MUTATION_NAMES) expect(doc.components.schemas).toHaveProperty([`MutationArgs.${name}`]);
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });
});
