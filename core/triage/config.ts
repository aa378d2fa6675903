// The `triage` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const triageConfigSchema = z.looseObject({}).prefault({});

export type TriageConfig = z.infer<typeof triageConfigSchema>;
