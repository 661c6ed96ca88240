import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { jsonTextOf, withJsonText } from '../../src/main/services/json-text';
import { PullPageSchema } from '../../src/shared/wire/sync';

/**
 * Browser mode sends a pull page on as the JSON text the server sent (json-text.ts), not as the value
 * main validated. Both must say the same: that holds while the schema keeps every field as it came
 * (no transform, default or rewriting check) and rejects unknown fields (strict objects).
 */
const KEEPS_VALUES = new Set(['object', 'array', 'union', 'optional', 'nullable', 'record', 'tuple']);
const LEAVES = new Set(['string', 'number', 'boolean', 'literal', 'enum']);
const CHECKS = new Set([
  'greater_than',
  'less_than',
  'min_length',
  'max_length',
  'length_equals',
  'string_format',
  'custom',
]);

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string } } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
}

function problems(schema: z.ZodType, path: string, found: string[], seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return found;
  seen.add(schema);
  // Zod's definition tree (zod 4): the only way to see what a schema does to a value.
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  if (!KEEPS_VALUES.has(def.type) && !LEAVES.has(def.type)) found.push(`${path}: ${def.type}`);
  for (const check of def.checks ?? []) {
    if (!CHECKS.has(check._zod.def.check)) found.push(`${path}: check ${check._zod.def.check}`);
  }
  const children: [string, z.ZodType | null | undefined][] = [
    ...Object.entries(def.shape ?? {}).map(([key, child]): [string, z.ZodType] => [`${path}.${key}`, child]),
    [`${path}[]`, def.element],
    ...(def.options ?? []).map((option, n): [string, z.ZodType] => [`${path}|${String(n)}`, option]),
    [path, def.innerType],
    [`${path}{key}`, def.keyType],
    [`${path}{}`, def.valueType],
    ...(def.items ?? []).map((item, n): [string, z.ZodType] => [`${path}[${String(n)}]`, item]),
    [`${path}[...]`, def.rest],
  ];
  if (def.type === 'object') {
    const catchall = (def.catchall as unknown as { _zod: { def: Def } } | undefined)?._zod.def.type;
    if (catchall !== 'never') found.push(`${path}: not a strict object`);
  }
  for (const [where, child] of children) if (child) problems(child, where, found, seen);
  return found;
}

describe('a value that carries its JSON text', () => {
  it('keeps the text out of JSON and out of a structured clone (Electron IPC)', () => {
    const value = withJsonText({ page: { n: 1 }, bytes: 3 }, '{"page":{"n":1},"bytes":3}');
    expect(jsonTextOf(value)).toEqual(['{"page":{"n":1},"bytes":3}']);
    const body = new TextEncoder().encode('{"n":1}');
    expect(jsonTextOf(withJsonText({ page: { n: 1 } }, ['{"page":', body, '}']))).toEqual(['{"page":', body, '}']);
    expect(JSON.stringify(value)).toBe('{"page":{"n":1},"bytes":3}');
    expect(Object.keys(value)).toEqual(['page', 'bytes']);
    expect(jsonTextOf(structuredClone(value))).toBeUndefined();
    expect(jsonTextOf({ page: 1 })).toBeUndefined();
    expect(jsonTextOf(null)).toBeUndefined();
  });

  it('is only safe for a pull page while its schema keeps every field as it came and rejects unknown ones', () => {
    expect(problems(PullPageSchema, 'page', [])).toEqual([]);
  });

  it('notices a schema that would change what it validates', async () => {
    const { z: zod } = await import('zod');
    expect(problems(zod.object({ a: zod.string() }), 'x', [])).toEqual(['x: not a strict object']);
    expect(problems(zod.strictObject({ a: zod.string().trim() }), 'x', [])).toEqual(['x.a: check overwrite']);
    expect(problems(zod.strictObject({ a: zod.number().default(1) }), 'x', [])).toEqual(['x.a: default']);
    expect(problems(zod.strictObject({ a: zod.string().transform((s) => s.length) }), 'x', [])).toEqual(['x.a: pipe']);
  });
});
