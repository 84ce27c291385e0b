import * as z from 'zod/mini';
import { IdSchema, NameSchema } from './common';

/** One line of the workspace's project registry: who may write the project document, and where it belongs. */
export const RegistryEntrySchema = z.object({
  id: IdSchema,
  name: NameSchema,
  unitId: z.nullable(IdSchema),
  ownerId: z.nullable(IdSchema),
  leaderId: z.nullable(IdSchema),
  team: z.array(IdSchema),
  archived: z.boolean(),
  /**
   * false: registered by the server from a project document a member created offline. Its leader and team are the
   * creator's claims, awaiting the 项目办's 审核 (a registration review): until then the project gives rights to its
   * owner (the creator) alone and counts for nobody's leader, team or quota credit. Absent (written by admin or
   * leader) or true (confirmed): trusted.
   */
  confirmed: z.optional(z.boolean()),
  /**
   * Who answers for the project's open problems (derived by the server from the project document): the 责任人 they
   * name and the 责任部门 whose heads answer. They may write the project document, and the write rules let them touch
   * only the problems they answer for. Absent: none (and in registries written before the 销号 loop).
   */
  problemParties: z.optional(z.object({ members: z.array(IdSchema), units: z.array(IdSchema) })),
});
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;
