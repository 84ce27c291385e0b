import type { MessageKey } from '../../shared/i18n';
import type { TokenFailure } from '../auth/tokens';

/** What a person reads when a REST call's bearer token is refused (every route answers 401 with one of these). */
export const TOKEN_MESSAGE: Record<TokenFailure, MessageKey> = {
  missing: 'auth.token.missing',
  malformed: 'auth.token.malformed',
  forged: 'auth.token.forged',
  expired: 'auth.token.expired',
  revoked: 'auth.token.revoked',
  unknown_workspace: 'auth.token.unknownWorkspace',
};
