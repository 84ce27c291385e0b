export { generateWorkspace, type GenerateWorkspaceOptions, type GeneratedWorkspace } from './generate-workspace';
export { generateProvince, PROVINCE_CITIES } from './generate-province';
export { SCALES, type DemoScale } from './scales';
export { materializeWorkspace, type MaterializeOptions, type MaterializedWorkspace, type MaterializeResult } from './materialize';
export { projectEvents, type ProjectEvent } from './project-history';
