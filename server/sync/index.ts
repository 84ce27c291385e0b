export { createSyncServer, type SyncServer, type ServerDocument, type ConnectionInfo, type SyncStats } from './sync-server';
export {
  defaultLimits,
  isAuthFailure,
  type SyncServerConfig,
  type SyncLimits,
  type Principal,
  type AuthFailure,
  type Rights,
  type Role,
  type UpdateOrigin,
} from './config';
