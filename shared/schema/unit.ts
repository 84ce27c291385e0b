import * as z from 'zod/mini';
import { IdSchema, NameSchema } from './common';

/** 单位: a county/district, a department, or a task force (行业专班). */
export const UnitKindSchema = z.enum(['county', 'department', 'taskForce'], { error: 'err.unit.kind' });
export type UnitKind = z.infer<typeof UnitKindSchema>;

export const UnitSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  kind: UnitKindSchema,
  /** 一把手: the member who answers for this unit. */
  headId: z.nullable(IdSchema),
  archived: z.boolean(),
});
export type Unit = z.infer<typeof UnitSchema>;
