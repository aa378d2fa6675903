// The `sast` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const sastConfigSchema = z.looseObject({}).prefault({});

export type SastConfig = z.infer<typeof sastConfigSchema>;
