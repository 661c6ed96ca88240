import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MUTATION_ARGS, MUTATION_NAMES } from '../../src/shared/wire/mutations';

/** Every field name a mutation's arguments may hold, nested ones too (`args.variants.*.language`). */
function fieldNames(schema: z.ZodType, path = ''): string[] {
  const def = schema.def as {
    type: string;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    innerType?: z.ZodType;
    in?: z.ZodType;
    out?: z.ZodType;
    options?: z.ZodType[];
    valueType?: z.ZodType;
  };
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => [
        `${path}${key}`,
        ...fieldNames(value, `${path}${key}.`),
      ]);
    case 'array':
      return def.element === undefined ? [] : fieldNames(def.element, `${path}*.`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return def.innerType === undefined ? [] : fieldNames(def.innerType, path);
    case 'pipe':
      return [...(def.in ? fieldNames(def.in, path) : []), ...(def.out ? fieldNames(def.out, path) : [])];
    case 'union':
      return (def.options ?? []).flatMap((option) => fieldNames(option, path));
    case 'record':
      return def.valueType === undefined ? [] : fieldNames(def.valueType, `${path}*.`);
    default:
      return [];
  }
}

describe('writes that go through the outbox', () => {
  it('carry no password, secret, token or invitation code (those are direct calls through main)', () => {
    const names = MUTATION_NAMES.flatMap((name) => fieldNames(MUTATION_ARGS[name]).map((field) => `${name}: ${field}`));
    // The walk sees nested fields, so it would see a password anywhere.
    expect(names).toContain('document.create: variants.*.language');
    expect(names.filter((field) => /pass|secret|token|invitation|code/iu.test(field))).toEqual([]);
  });

  it('no longer include creating accounts', () => {
    expect(MUTATION_NAMES).not.toContain('user.create');
  });
});
