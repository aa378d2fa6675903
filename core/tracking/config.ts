// The `tracking` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const trackingConfigSchema = z.looseObject({}).prefault({});

export type TrackingConfig = z.infer<typeof trackingConfigSchema>;
