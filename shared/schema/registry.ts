import { z } from 'zod';
import { IdSchema, NameSchema } from './common';

/** One line of the workspace's project registry: who may write the project document, and where it belongs. */
export const RegistryEntrySchema = z.object({
  id: IdSchema,
  name: NameSchema,
  unitId: IdSchema.nullable(),
  ownerId: IdSchema.nullable(),
  leaderId: IdSchema.nullable(),
  team: z.array(IdSchema),
  archived: z.boolean(),
});
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;
