/**
 * The parsed records of one loaded project document, kept in step with it: every transaction marks the records whose
 * keys it touched (afterTransaction, `transaction.changed`), and a read re-parses only those. A 月报 or a milestone
 * edit on a project of thousands of records costs one record's parse, not the whole document's.
 *
 * Reads give exactly what readProjectDoc gives for the project, milestones, problems and reports (activity is not
 * needed to derive a row and is not read).
 */
import type * as Y from 'yjs';
import type { Milestone } from '../../shared/schema/milestone';
import type { MonthlyReport } from '../../shared/schema/monthly-report';
import type { Problem } from '../../shared/schema/problem';
import type { Project } from '../../shared/schema/project';
import { parseStored, type RecordLayout } from '../../shared/model/layout';
import { PROJECT_KEYS } from '../../shared/model/keys';
import { describeRaw } from '../../shared/model/plain-json';
import type { ProjectRead } from '../../shared/model/project-read';
import { MILESTONE_LAYOUT, PROBLEM_LAYOUT, PROJECT_LAYOUT, REPORT_LAYOUT } from '../../shared/model/project-layout';
import { fieldError, type RecordRead } from '../../shared/model/result';
import { readSlot, singleSlot } from '../../shared/model/slots';

/** What the row derivation reads of a project document. */
export type ProjectRecordsRead = Omit<ProjectRead, 'activity'>;

/** Called once per record parsed (tests count them). */
export type ParseCounter = (what: 'project' | 'milestones' | 'problems' | 'reports') => void;

type CollectionName = 'milestones' | 'problems' | 'reports';

/** One flat collection's records (keys `<id>/<field>`), parsed lazily and again only where keys changed. */
class Collection<T extends object> {
  /** id → the fields present (after the slash); a key without a slash is malformed and kept under itself. */
  private readonly fields = new Map<string, Set<string>>();
  private readonly malformed = new Set<string>();
  private readonly reads = new Map<string, RecordRead<T>>();
  private readonly dirty = new Set<string>();
  private list: RecordRead<T>[] | null = null;

  constructor(
    private readonly map: Y.Map<unknown>,
    private readonly layout: RecordLayout<T>,
    private readonly name: CollectionName,
    private readonly counted: ParseCounter | undefined,
  ) {
    for (const key of map.keys()) this.keyChanged(key);
  }

  keyChanged(key: string): void {
    this.list = null;
    const slash = key.indexOf('/');
    if (slash < 0) {
      if (this.map.has(key)) this.malformed.add(key);
      else this.malformed.delete(key);
      return;
    }
    const id = key.slice(0, slash);
    const field = key.slice(slash + 1);
    const present = this.fields.get(id);
    if (this.map.has(key)) {
      if (present) present.add(field);
      else this.fields.set(id, new Set([field]));
    } else if (present) {
      present.delete(field);
      if (present.size === 0) this.fields.delete(id);
    }
    this.dirty.add(id);
  }

  read(): RecordRead<T>[] {
    for (const id of this.dirty) {
      const present = this.fields.get(id);
      if (!present) {
        this.reads.delete(id);
        continue;
      }
      const stored = new Map<string, unknown>();
      for (const field of present) stored.set(field, this.map.get(`${id}/${field}`));
      this.counted?.(this.name);
      this.reads.set(id, parseStored(this.layout, id, stored));
    }
    this.dirty.clear();
    if (this.list !== null) return this.list;
    // the order readCollection gives: records by id, then malformed keys by key
    const records = [...this.fields.keys()].sort().map((id) => this.reads.get(id) as RecordRead<T>);
    const malformed = [...this.malformed].sort().map(
      (key): RecordRead<T> => ({
        ok: false,
        id: key,
        reasons: [fieldError('err.model.malformedKey')],
        raw: describeRaw(this.map.get(key)),
      }),
    );
    this.list = [...records, ...malformed];
    return this.list;
  }
}

export class ProjectRecords {
  private project: RecordRead<Project> | null = null;
  private readonly milestones: Collection<Milestone>;
  private readonly problems: Collection<Problem>;
  private readonly reports: Collection<MonthlyReport>;
  private readonly byType: Map<object, Collection<object> | 'project'>;

  constructor(
    readonly doc: Y.Doc,
    private readonly counted?: ParseCounter,
  ) {
    const map = (key: CollectionName | 'project') => doc.getMap<unknown>(PROJECT_KEYS[key]);
    this.milestones = new Collection(map('milestones'), MILESTONE_LAYOUT, 'milestones', counted);
    this.problems = new Collection(map('problems'), PROBLEM_LAYOUT, 'problems', counted);
    this.reports = new Collection(map('reports'), REPORT_LAYOUT, 'reports', counted);
    this.byType = new Map();
    this.byType.set(map('project'), 'project');
    this.byType.set(map('milestones'), this.milestones as Collection<object>);
    this.byType.set(map('problems'), this.problems as Collection<object>);
    this.byType.set(map('reports'), this.reports as Collection<object>);
    doc.on('afterTransaction', this.onTransaction);
  }

  read(): ProjectRecordsRead {
    if (this.project === null) {
      this.counted?.('project');
      this.project = parseStored(PROJECT_LAYOUT, PROJECT_KEYS.project, readSlot(singleSlot(this.doc.getMap<unknown>(PROJECT_KEYS.project)), PROJECT_LAYOUT));
    }
    return {
      project: this.project,
      milestones: this.milestones.read(),
      problems: this.problems.read(),
      reports: this.reports.read(),
    };
  }

  /** Stops following the document. */
  detach(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    for (const [type, keys] of transaction.changed) {
      const target = this.byType.get(type);
      if (target === undefined) continue;
      if (target === 'project') this.project = null;
      else for (const key of keys) if (key !== null) target.keyChanged(key);
    }
  };
}

/** The records of each loaded project document, made on first use and forgotten when the document is destroyed. */
export class ProjectRecordsCache {
  private readonly byDoc = new WeakMap<Y.Doc, ProjectRecords>();

  constructor(private readonly counted?: ParseCounter) {}

  of(doc: Y.Doc): ProjectRecords {
    let records = this.byDoc.get(doc);
    if (records) return records;
    const made = new ProjectRecords(doc, this.counted);
    records = made;
    this.byDoc.set(doc, made);
    // a room reloads into a new Y.Doc and destroys the old one: its records go with it
    doc.once('destroy', () => {
      made.detach();
      this.byDoc.delete(doc);
    });
    return made;
  }
}
