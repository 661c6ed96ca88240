import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from '../../src/main/launch-options';

describe('parseLaunchOptions', () => {
  it('takes --server=URL and ignores other switches', () => {
    expect(parseLaunchOptions(['/usr/bin/electron', '.', '--no-sandbox', '--server=http://127.0.0.1:8787'])).toEqual({
      serverUrl: 'http://127.0.0.1:8787',
    });
    expect(parseLaunchOptions(['electron', '.'])).toEqual({});
  });

  it('ignores a server address that is not http(s)', () => {
    expect(parseLaunchOptions(['--server=file:///etc/passwd'])).toEqual({});
    expect(parseLaunchOptions(['--server=https://user:pw@example.org'])).toEqual({});
  });
});
