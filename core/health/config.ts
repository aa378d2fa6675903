// The `health` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const healthConfigSchema = z.looseObject({}).prefault({});

export type HealthConfig = z.infer<typeof healthConfigSchema>;
