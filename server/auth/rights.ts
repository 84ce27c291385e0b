// The rights logic is pure and shared with the extension (which shows edit controls only where the server accepts
// the edit); the server keeps importing it from here.
export {
  rightsFor,
  effectiveRole,
  canEditProject,
  canEditWorkspace,
  canCreateProject,
  canInvite,
  editsEverything,
  isAssigned,
  type Denial,
  type Rights,
  type Principal,
  type WorkspaceView,
} from '../../shared/rights';
