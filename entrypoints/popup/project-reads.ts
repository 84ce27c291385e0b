import type { DocHandle } from '../../client/doc-host';
import { readProjectDoc } from '../../shared/model/project-read';
import type { LiveProject } from '../../client/view-models/checklist/live-extras';

/** What `useSyncExternalStore` needs over several project documents at once. */
export interface ProjectReadsStore {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): readonly LiveProject[];
}

/** Typed reads of my project documents, re-read (all together, once) after any of them changes. */
export function createProjectReadsStore(handles: ReadonlyArray<{ id: string; handle: DocHandle }>): ProjectReadsStore {
  let cached: LiveProject[] | null = null;
  return {
    subscribe(onChange) {
      const onUpdate = (): void => {
        cached = null;
        onChange();
      };
      for (const { handle } of handles) handle.doc.on('update', onUpdate);
      return () => {
        for (const { handle } of handles) handle.doc.off('update', onUpdate);
      };
    },
    getSnapshot() {
      cached ??= handles.map(({ id, handle }) => ({ id, read: readProjectDoc(handle.doc) }));
      return cached;
    },
  };
}
