import { z } from 'zod';
import { IdSchema, LanguageSchema, TimestampSchema } from './entities';
import { ROLES } from './roles';

export const LoginRequestSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The signed-in user as the session sees it (includes the private email). */
export const SessionUserSchema = z.strictObject({
  id: IdSchema,
  email: z.email(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  contentLanguages: z.array(LanguageSchema),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResponseSchema = z.strictObject({
  token: z.string().min(20),
  expiresAt: TimestampSchema,
  user: SessionUserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** Refresh answers like login: a new token replaces the one sent (which is revoked). */
export const RefreshResponseSchema = LoginResponseSchema;
export type RefreshResponse = LoginResponse;

export const LogoutResponseSchema = z.strictObject({ ok: z.literal(true) });
export type LogoutResponse = z.infer<typeof LogoutResponseSchema>;

/** "Sign out everywhere" (one's own sessions) and an admin ending another account's sessions. */
export const RevokeSessionsResponseSchema = z.strictObject({
  /** How many tokens stopped working. */
  revoked: z.int().min(0),
});
export type RevokeSessionsResponse = z.infer<typeof RevokeSessionsResponseSchema>;
