import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, deepLinkOf, parseDeepLink } from '../../../src/main/desktop/deep-link';
import type { NavTarget } from '../../../src/shared/desktop';

const ID = '0b8f4a52-5a34-4c64-9b55-0c8b3f3f0001';
const OTHER = '7d3c1a90-2b1e-4f6a-8c2d-9e0f1a2b3c4d';

describe('parseDeepLink', () => {
  it.each<[string, NavTarget]>([
    [`collective-brain://thread/${ID}`, { screen: 'thread', threadId: ID }],
    [`collective-brain://document/${ID}`, { screen: 'document', documentId: ID }],
    [`collective-brain://edition/${ID}`, { screen: 'edition', collectionId: ID }],
    [`COLLECTIVE-BRAIN://thread/${ID}`, { screen: 'thread', threadId: ID }],
    [`collective-brain://thread/${ID.toUpperCase()}`, { screen: 'thread', threadId: ID }],
  ])('opens %s', (link, target) => {
    expect(parseDeepLink(link)).toEqual(target);
  });

  it.each([
    ['another scheme', `https://thread/${ID}`],
    ['a look-alike scheme', `collective-brains://thread/${ID}`],
    ['a scheme prefix only', `collective-brain-x://thread/${ID}`],
    ['an unknown kind', `collective-brain://user/${ID}`],
    ['a kind in upper case', `collective-brain://THREAD/${ID}`],
    ['no id', 'collective-brain://thread/'],
    ['no path', 'collective-brain://thread'],
    ['an id that is not a uuid', 'collective-brain://thread/42'],
    ['a uuid with a suffix', `collective-brain://thread/${ID}x`],
    ['two ids', `collective-brain://thread/${ID}/${OTHER}`],
    ['a trailing slash', `collective-brain://thread/${ID}/`],
    ['a path traversal', `collective-brain://thread/../../etc/passwd`],
    ['an encoded traversal', `collective-brain://thread/%2e%2e%2f${ID}`],
    ['a percent-encoded id', `collective-brain://thread/%30b8f4a52-5a34-4c64-9b55-0c8b3f3f0001`],
    ['a query', `collective-brain://thread/${ID}?post=${OTHER}`],
    ['a fragment', `collective-brain://thread/${ID}#x`],
    ['user info', `collective-brain://evil@thread/${ID}`],
    ['a port', `collective-brain://thread:80/${ID}`],
    ['a single slash', `collective-brain:/thread/${ID}`],
    ['no slashes', `collective-brain:thread/${ID}`],
    ['a host with the kind as a prefix', `collective-brain://thread.evil.example/${ID}`],
    ['a javascript: payload', `collective-brain://thread/javascript:alert(1)`],
    ['a switch smuggled in', `collective-brain://thread/${ID} --inspect=9229`],
    ['a leading space', ` collective-brain://thread/${ID}`],
    ['a newline', `collective-brain://thread/${ID}\n--server=https://evil.example`],
    ['a NUL byte', `collective-brain://thread/${ID}\u0000`],
    ['a right-to-left override', `collective-brain://thread/\u202e${ID}`],
    ['a Cyrillic letter', `collective-brain://thrеad/${ID}`],
    ['a backslash', `collective-brain:\\\\thread\\${ID}`],
    ['far too long', `collective-brain://thread/${ID}${'a'.repeat(5000)}`],
    ['an empty string', ''],
    ['not a URL', 'not a link'],
  ])('refuses %s', (_label, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it.each([null, undefined, 42, {}, [`collective-brain://thread/${ID}`]])('refuses a non-string %j', (value) => {
    expect(parseDeepLink(value)).toBeNull();
  });

  it('reads back the links it writes', () => {
    const targets: NavTarget[] = [
      { screen: 'thread', threadId: ID },
      { screen: 'document', documentId: ID },
      { screen: 'edition', collectionId: ID },
    ];
    for (const target of targets) expect(parseDeepLink(deepLinkOf(target))).toEqual(target);
    expect(deepLinkOf({ screen: 'section', section: 'home' })).toBeNull();
  });
});

describe('deepLinkInArgv', () => {
  it('finds the link the OS appended to a launch or second-instance command line', () => {
    expect(deepLinkInArgv(['/opt/app/collective-brain', '--no-sandbox', `collective-brain://document/${ID}`])).toEqual({
      screen: 'document',
      documentId: ID,
    });
  });

  it('takes the last link when there are several', () => {
    const argv = ['app', `collective-brain://thread/${ID}`, `collective-brain://edition/${OTHER}`];
    expect(deepLinkInArgv(argv)).toEqual({ screen: 'edition', collectionId: OTHER });
  });

  it.each([
    [['app']],
    [['app', '--server=https://evil.example']],
    [['app', `--open=collective-brain://thread/${ID}`]],
    [['app', `collective-brain://thread/${ID}/extra`]],
  ])('finds none in %j', (argv) => {
    expect(deepLinkInArgv(argv)).toBeNull();
  });
});
