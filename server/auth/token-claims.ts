import { z } from 'zod';
import { IdSchema } from '../../shared/schema/common';
import { RoleSchema } from '../../shared/schema/member';

/** The claims of a Guatu access token; `ws` names the workspace whose secret signed it. */
export const TokenClaimsSchema = z.object({
  ws: IdSchema,
  sub: IdSchema,
  role: RoleSchema,
  jti: z.string().min(1).max(64),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;
