// The `deps` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const depsConfigSchema = z.looseObject({}).prefault({});

export type DepsConfig = z.infer<typeof depsConfigSchema>;
