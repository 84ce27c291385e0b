import type { Role } from '../../../shared/schema/member';

/**
 * Which of my projects the popup offers edits for before the workspace document has loaded: the stored checklist
 * lists exactly the projects I own, lead or work on (what shared/rights `canEditProject` lets any role but an observer
 * edit), and the role I joined with says whether I am an observer. Once the workspace document is read, its registry
 * and `effectiveRole` decide (live-extras `editRights`); the server enforces them whatever the popup offered.
 */
export function storedEditRights(role: Role, projection: { projects: ReadonlyArray<{ id: string }> } | null): (projectId: string) => boolean {
  if (role === 'observer' || projection === null) return () => false;
  const mine = new Set(projection.projects.map((p) => p.id));
  return (projectId) => mine.has(projectId);
}
