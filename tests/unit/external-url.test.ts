import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src/main/security/external-url';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.ilo.org/global/topics/cooperatives/lang--en/index.htm',
    'https://ilo.org/',
    'https://socialeconomy.itcilo.org/en/',
    'https://unsse.org/knowledge-hub/',
    'https://fr.wikipedia.org/wiki/%C3%89conomie_sociale_et_solidaire',
    'https://WWW.ILO.ORG/path?q=1#frag',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://www.ilo.org/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with allow-listed text', 'javascript://www.ilo.org/%0aalert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['smb share', 'smb://ilo.org/share'],
    ['custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['vscode handler', 'vscode://file/etc/passwd'],
    ['look-alike suffix', 'https://ilo.org.evil.example/'],
    ['look-alike prefix', 'https://evililo.org/'],
    ['credentials to another host', 'https://ilo.org@evil.example/'],
    ['credentials on allowed host', 'https://user:pass@www.ilo.org/'],
    ['allowed host in the query only', 'https://evil.example/?next=https://ilo.org'],
    ['allowed host in the path only', 'https://evil.example/ilo.org'],
    ['explicit port', 'https://www.ilo.org:8443/'],
    ['punycode homograph', 'https://xn--il-1ca.org/'],
    ['unicode homograph', 'https://іlo.org/'],
    ['backslash trick', 'https://evil.example\\@ilo.org/'],
    ['leading whitespace', ' https://www.ilo.org/'],
    ['embedded newline', 'https://www.ilo.org/\nfoo'],
    ['NUL byte', 'https://www.ilo.org/\u0000'],
    ['IP address', 'https://127.0.0.1/'],
    ['protocol-relative', '//www.ilo.org/'],
    ['relative path', '/etc/passwd'],
    ['empty string', ''],
    ['far too long', `https://www.ilo.org/${'a'.repeat(5000)}`],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
