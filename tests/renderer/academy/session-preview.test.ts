import { describe, expect, it } from 'vitest';
import { sessionChanges } from '../../../src/renderer/src/features/academy/session-preview';
import { stageFromSession } from '../../../src/renderer/src/features/academy/staging';
import { MATERIALS, SESSIONS } from '../library/fixtures';

const session = SESSIONS[0];
if (session === undefined) throw new Error('fixture');
const materials = MATERIALS.filter((material) => material.sessionId === session.id);
const published = { session, materials };

describe('what publishing a staged session changes (issue 17, item 14)', () => {
  it('is nothing for a session staged as it is published', () => {
    expect(sessionChanges(stageFromSession(session, materials, ['en']), published)).toEqual([]);
  });

  it('names a new title, a new start, a new order and a removal, once each', () => {
    const staged = stageFromSession(session, materials, ['en']);
    const [first, second] = staged.materials;
    if (first === undefined || second === undefined) throw new Error('fixture');
    const changed = { ...staged, title: 'Opening', startsAt: '2019-10-14T10:30', materials: [second, first] };
    expect(sessionChanges(changed, published).map((change) => change.kind)).toEqual(['title', 'starts', 'reordered']);
    expect(sessionChanges({ ...staged, materials: [second] }, published)).toEqual([
      { kind: 'removed', material: materials[0] },
    ]);
  });

  it('says when a title is added in another language, the others kept', () => {
    const staged = { ...stageFromSession(session, materials, ['en']), language: 'fr' as const, title: 'Ouverture' };
    expect(sessionChanges(staged, published).slice(0, 2)).toEqual([
      { kind: 'language', language: 'fr' },
      { kind: 'title', before: null, after: 'Ouverture' },
    ]);
  });
});
