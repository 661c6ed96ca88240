import { describe, expect, it } from 'vitest';
import { concernOf, mentionAt, mentions, nameMatches, quotes, type Reader } from '../../src/shared/activity';

describe('mentions', () => {
  it('find a whole display name after @, spaces and any script included', () => {
    expect(mentions('Thanks @Demo Participant, see you in Turin.', 'Demo Participant')).toBe(true);
    expect(mentions('شكرًا @فاطمة الزهراء على المشاركة', 'فاطمة الزهراء')).toBe(true);
    expect(mentions('@김민준 님의 의견에 동의합니다', '김민준')).toBe(true);
    expect(mentions('(@José Núñez)', 'José Núñez')).toBe(true);
  });

  it('fold case, full-width forms, decomposed accents and line breaks as people type them', () => {
    expect(mentions('hi @demo participant', 'Demo Participant')).toBe(true);
    expect(mentions('hi @ＤＥＭＯ Participant', 'Demo Participant')).toBe(true);
    expect(mentions('hi @Jose\u0301 Nu\u0301n\u0303ez!', 'José Núñez')).toBe(true);
    expect(mentions('hi @Demo\nParticipant', 'Demo Participant')).toBe(true);
  });

  it('do not take a longer name, a word or an email address for the name', () => {
    expect(mentions('@Anabel wrote this', 'Ana')).toBe(false);
    expect(mentions('@Ana wrote this', 'Ana')).toBe(true);
    expect(mentions('write to demo@Participant.org', 'Participant')).toBe(false);
    expect(mentions('no at sign: Demo Participant', 'Demo Participant')).toBe(false);
    expect(mentions('@Demo Participant', '   ')).toBe(false);
  });

  it('do not count code or quoted lines (quoting a mention does not repeat it)', () => {
    expect(mentions('> @Demo Participant said so\n\nI agree.', 'Demo Participant')).toBe(false);
    expect(mentions('Use `@Demo Participant` in your post.', 'Demo Participant')).toBe(false);
    expect(mentions('```\n@Demo Participant\n```\nok', 'Demo Participant')).toBe(false);
  });
});

describe('mentionAt', () => {
  it('finds the name being typed after @, spaces included', () => {
    const text = 'Hello @Demo Pa';
    expect(mentionAt(text, text.length)).toEqual({ start: 6, query: 'Demo Pa' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
  });

  it('starts none inside a word, after a line break or a leading space', () => {
    expect(mentionAt('mail demo@exa', 13)).toBeNull();
    expect(mentionAt('@Demo\nPa', 8)).toBeNull();
    expect(mentionAt('@ Demo', 6)).toBeNull();
    expect(mentionAt('no mention here', 15)).toBeNull();
  });
});

describe('nameMatches', () => {
  it('matches the start of the name or of any of its words, folded', () => {
    expect(nameMatches('Demo Participant', 'dem')).toBe(true);
    expect(nameMatches('Demo Participant', 'PART')).toBe(true);
    expect(nameMatches('Demo Participant', 'demo part')).toBe(true);
    expect(nameMatches('Demo Participant', 'icipant')).toBe(false);
    expect(nameMatches('فاطمة الزهراء', 'الز')).toBe(true);
  });
});

describe('quotes', () => {
  const parent = 'Cooperatives are **enterprises** owned by their members.\n\nThey matter.';
  it('recognizes the quote the forum writes (an excerpt of the post, quoted)', () => {
    expect(quotes('> Cooperatives are enterprises owned by their members. They matter.\n\nIndeed.', parent)).toBe(true);
    expect(quotes('> Cooperatives are enterprises owned…\n\nIndeed.', parent)).toBe(true);
  });
  it('does not take other quoted words, or none, for a quote of the post', () => {
    expect(quotes('> Something else entirely\n\nIndeed.', parent)).toBe(false);
    expect(quotes('Indeed.', parent)).toBe(false);
  });
});

describe('concernOf', () => {
  const reader: Reader = {
    id: 'me',
    displayName: 'Demo Participant',
    posts: new Map([['p-mine', { body: 'Cooperatives are enterprises.' }]]),
  };
  const at = '2026-01-02T00:00:00.000Z';
  const post = (fields: Partial<Parameters<typeof concernOf>[0]>): Parameters<typeof concernOf>[0] => ({
    authorId: 'them',
    body: 'A reply.',
    replyTo: null,
    createdAt: at,
    ...fields,
  });

  it('ranks a mention over a reply, a quote over a reply, a reply over a new post in a followed thread', () => {
    const followed = { authorId: 'someone', followedSince: '2026-01-01T00:00:00.000Z' };
    expect(concernOf(post({ replyTo: 'p-mine', body: '@Demo Participant yes' }), followed, reader)).toBe('mention');
    expect(
      concernOf(post({ replyTo: 'p-mine', body: '> Cooperatives are enterprises.\n\nYes' }), followed, reader),
    ).toBe('quote');
    expect(concernOf(post({ replyTo: 'p-mine' }), followed, reader)).toBe('reply');
    expect(concernOf(post({}), followed, reader)).toBe('thread-post');
  });

  it('counts a reply to the thread the reader started as a reply to them', () => {
    expect(concernOf(post({}), { authorId: 'me' }, reader)).toBe('reply');
    expect(concernOf(post({ replyTo: 'p-theirs' }), { authorId: 'me' }, reader)).toBeNull();
  });

  it('ignores the reader’s own posts, posts without a known author, and posts older than the follow', () => {
    expect(concernOf(post({ authorId: 'me', body: '@Demo Participant' }), { authorId: 'me' }, reader)).toBeNull();
    expect(concernOf(post({ authorId: undefined }), { authorId: 'me' }, reader)).toBeNull();
    expect(concernOf(post({}), { authorId: 'x', followedSince: '2026-02-01T00:00:00.000Z' }, reader)).toBeNull();
  });
});
