import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Conditions, not durations: a machine busy with other work may take seconds to reach them. A wait only
// bounds how long a broken feature takes to fail (the library's default, 1 s, flakes under load).
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});
