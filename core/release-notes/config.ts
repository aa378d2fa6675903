// The `releaseNotes` section of .github/upkeep.yml. Placeholder: the capability's issue fills it in.
import { z } from "zod";

export const releaseNotesConfigSchema = z.looseObject({}).prefault({});

export type ReleaseNotesConfig = z.infer<typeof releaseNotesConfigSchema>;
