import { z } from 'zod';
import { IdSchema, TimestampSchema } from './entities';
import { ROLES } from './roles';
import { cleanLabel, label } from './text';

/**
 * Accounts, invitations and passwords. None of this is synced content: these
 * are direct calls (main → server), never outbox writes, so no password or
 * invitation code is ever stored in IndexedDB.
 */

/** A display name as stored and shown: a label (no bidi controls or zero-width characters). */
export const DisplayNameSchema = label(1, 120);

/**
 * What two display names are compared by, the one definition (the server stores it in `users.display_key`,
 * unique; SQL never computes it, as PostgreSQL's lower() under the C locale leaves every non-ASCII letter as
 * it is):
 * - NFKC, so compatibility forms read as what they look like (full-width "Ａｎａ" is "Ana", "ﬁ" is "fi");
 * - labels' invisible characters removed (bidi controls, zero-width characters);
 * - full case folding rather than lower case alone: "ß" and "ẞ" are "ss", a final sigma "ς" is "σ";
 * - Turkish and Azeri i's are one letter: dotted capital "İ" and dotless "ı" are "i" (else "IŞIK" and
 *   "ışık", the same name in Turkish, would be two).
 */
export function displayNameKey(name: string): string {
  const visible = cleanLabel(cleanLabel(name).normalize('NFKC'));
  // Upper then lower case folds what lower case alone keeps apart (ı → I → i, ß → SS → ss); İ lowers to
  // "i" + U+0307, whose dot is dropped; the final sigma and the capital ẞ (which lowers to ß) survive both
  // and are mapped by hand.
  const folded = visible
    .toUpperCase()
    .toLowerCase()
    .replace(/i\u0307/gu, 'i')
    .replace(/ς/gu, 'σ')
    .replace(/ß/gu, 'ss');
  return folded.normalize('NFKC');
}

export const PASSWORD_MIN_LENGTH = 8;
export const NewPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(1024);

/**
 * An invitation code: 20 characters of Crockford base32 (100 random bits),
 * shown in groups of four. Read back case-insensitively, with or without
 * the dashes and spaces people type or paste.
 */
export const INVITATION_CODE_LENGTH = 20;
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{20}$/u;

export function normalizeInvitationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/gu, '').replace(/[IL]/gu, '1').replace(/O/gu, '0');
}

export const InvitationCodeSchema = z
  .string()
  .max(64)
  .transform(normalizeInvitationCode)
  .pipe(z.string().regex(CROCKFORD, 'an invitation code'));

/** The code as shown: XXXX-XXXX-XXXX-XXXX-XXXX. */
export function formatInvitationCode(code: string): string {
  return (normalizeInvitationCode(code).match(/.{1,4}/gu) ?? []).join('-');
}

export const ACCOUNT_STATES = ['active', 'invited', 'disabled'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** An account as an admin sees it on the People screen (with the private email). */
export const AccountSchema = z.strictObject({
  id: IdSchema,
  email: z.email().max(254),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** `invited`: no password set yet (the invitation not redeemed); `disabled` wins over both. */
  state: z.enum(ACCOUNT_STATES),
  /** When the latest open invitation stops working (invited accounts only). */
  invitationExpiresAt: TimestampSchema.optional(),
  createdAt: TimestampSchema,
});
export type Account = z.infer<typeof AccountSchema>;

export const PEOPLE_SEARCH_LIMIT = 200;

export const PeopleSearchRequestSchema = z.strictObject({
  /** Part of a display name or an email; empty lists everyone (newest first, up to the limit). */
  query: z.string().max(200),
});
export type PeopleSearchRequest = z.infer<typeof PeopleSearchRequestSchema>;

export const PeopleSearchResponseSchema = z.strictObject({
  accounts: z.array(AccountSchema).max(PEOPLE_SEARCH_LIMIT),
  /** More accounts match than were returned: narrow the search. */
  more: z.boolean(),
});
export type PeopleSearchResponse = z.infer<typeof PeopleSearchResponseSchema>;

const RolesSchema = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export const AccountUpdateRequestSchema = z
  .strictObject({ roles: RolesSchema.optional(), disabled: z.boolean().optional() })
  .refine((value) => value.roles !== undefined || value.disabled !== undefined, 'roles or disabled');
export type AccountUpdateRequest = z.infer<typeof AccountUpdateRequestSchema>;

export const InvitationRequestSchema = z.strictObject({
  email: z.email().max(254),
  displayName: DisplayNameSchema,
  roles: RolesSchema,
});
export type InvitationRequest = z.infer<typeof InvitationRequestSchema>;

/** The code exists only in this answer: the server keeps its hash. */
export const InvitationSchema = z.strictObject({
  account: AccountSchema,
  code: z.string().regex(CROCKFORD),
  expiresAt: TimestampSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const RedeemInvitationRequestSchema = z.strictObject({
  email: z.email().max(254),
  code: InvitationCodeSchema,
  password: NewPasswordSchema,
});
export type RedeemInvitationRequest = z.input<typeof RedeemInvitationRequestSchema>;

export const PasswordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: NewPasswordSchema,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;

export const PasswordChangeResponseSchema = z.strictObject({
  /** Sessions of this account on other computers that were signed out. */
  signedOut: z.int().min(0),
});
export type PasswordChangeResponse = z.infer<typeof PasswordChangeResponseSchema>;

/** The link an invitation can also be sent as; the desktop app opens it on its sign-in screen. */
export function invitationLink(code: string): string {
  return `collective-brain://invitation/${normalizeInvitationCode(code)}`;
}
