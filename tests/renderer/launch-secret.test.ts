import { describe, expect, it } from 'vitest';
import { takeLaunchSecret } from '../../src/renderer/src/api/ws-client';

describe('takeLaunchSecret', () => {
  it('takes the secret from the fragment, keeps it for reloads and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/#secret=abc_DEF-123');
    expect(takeLaunchSecret(window.location, window.sessionStorage, window.history)).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('');
    expect(takeLaunchSecret(window.location, window.sessionStorage, window.history)).toBe('abc_DEF-123');
  });

  it('has nothing when the page was opened without one', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
    expect(takeLaunchSecret(window.location, window.sessionStorage, window.history)).toBeNull();
  });
});
