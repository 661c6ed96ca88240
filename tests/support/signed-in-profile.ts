import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SERVER_URL } from '../../src/shared/settings';

/**
 * A profile that signed in earlier: the session main stored in its 0600
 * secrets file, as the Node host keeps it. The token is never used unless a
 * server answers; the app starts signed in and reads its cache. The session
 * is bound to its server: the default is the one a new profile's settings name.
 */
export async function writeSignedInProfile(profileDir: string, serverUrl = DEFAULT_SERVER_URL): Promise<void> {
  await mkdir(profileDir, { recursive: true });
  const session = {
    token: 'stored-token-0123456789abcdef',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    serverUrl,
    user: {
      id: '4597e068-643d-5087-a10a-5a19922890a5',
      email: 'participant@example.org',
      displayName: 'Demo Participant',
      roles: ['participant'],
      contentLanguages: ['fr', 'en'],
    },
    expired: false,
  };
  await writeFile(join(profileDir, 'secrets.json'), JSON.stringify({ session: JSON.stringify(session) }), {
    mode: 0o600,
  });
}
