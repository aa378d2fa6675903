// The `report` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const reportConfigSchema = z.looseObject({}).prefault({});

export type ReportConfig = z.infer<typeof reportConfigSchema>;
