import { describe, expect, it } from 'vitest';
import { deepLinkOf, parseDeepLink } from '../../src/main/desktop/deep-link';
import { formatInvitationCode, invitationLink, normalizeInvitationCode } from '../../src/shared/wire/people';

const CODE = 'ABCDEFGHJKMNPQRSTVWX';

describe('invitation links', () => {
  it('open the sign-in screen on the invitation, with its code', () => {
    expect(parseDeepLink(`collective-brain://invitation/${CODE}`)).toEqual({ screen: 'invitation', code: CODE });
    // As people copy them: lower case, grouped with dashes, I and O for 1 and 0.
    expect(parseDeepLink('collective-brain://invitation/abcd-efgh-jkmn-pqrs-tvwx')).toEqual({
      screen: 'invitation',
      code: CODE,
    });
    expect(normalizeInvitationCode('o1iL-')).toBe('0111');
  });

  it('are exactly what the People screen shows, and what the shell would share', () => {
    expect(invitationLink(formatInvitationCode(CODE))).toBe(`collective-brain://invitation/${CODE}`);
    expect(deepLinkOf({ screen: 'invitation', code: CODE })).toBe(invitationLink(CODE));
  });

  it.each([
    `collective-brain://invitation/${CODE}/x`,
    `collective-brain://invitation/${CODE}?next=x`,
    'collective-brain://invitation/SHORT',
    `collective-brain://invitation/${CODE}U`,
    'collective-brain://invitation/',
    `https://invitation/${CODE}`,
  ])('refuse %s', (link) => {
    expect(parseDeepLink(link)).toBeNull();
  });
});
