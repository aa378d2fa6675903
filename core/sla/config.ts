// The `sla` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const slaConfigSchema = z.looseObject({}).prefault({});

export type SlaConfig = z.infer<typeof slaConfigSchema>;
