// The `releaseNotes` section of .github/upkeep.yml: which commit types make which sections, how
// versions are tagged and bumped, whose commits are skipped, and where per-commit overrides live.
import { z } from "zod";

const sectionSchema = z.strictObject({
  type: z
    .string()
    .min(1)
    .transform((type) => type.toLowerCase())
    .describe("Conventional commit type, matched case-insensitively (e.g. `feat`)."),
  section: z.string().min(1).describe("Heading the type's entries appear under."),
  hidden: z
    .boolean()
    .default(false)
    .describe("Leave the type out of the notes; a breaking change of it still shows and bumps."),
});

export type SectionRule = z.infer<typeof sectionSchema>;

/**
 * conventional-changelog's conventionalcommits preset, so regenerated sections match theirs, plus
 * `security` (not in the preset): a security fix bumps the patch version, so it must be listed too.
 */
export const DEFAULT_SECTIONS: SectionRule[] = [
  { type: "feat", section: "Features", hidden: false },
  { type: "feature", section: "Features", hidden: false },
  { type: "fix", section: "Bug Fixes", hidden: false },
  { type: "security", section: "Security Fixes", hidden: false },
  { type: "perf", section: "Performance Improvements", hidden: false },
  { type: "revert", section: "Reverts", hidden: false },
  { type: "docs", section: "Documentation", hidden: true },
  { type: "style", section: "Styles", hidden: true },
  { type: "chore", section: "Miscellaneous Chores", hidden: true },
  { type: "refactor", section: "Code Refactoring", hidden: true },
  { type: "test", section: "Tests", hidden: true },
  { type: "build", section: "Build System", hidden: true },
  { type: "ci", section: "Continuous Integration", hidden: true },
];

export const releaseNotesConfigSchema = z
  .strictObject({
    style: z
      .enum(["release-please", "conventional-changelog"])
      .default("release-please")
      .describe(
        "How commit messages are read. `release-please`: the subject stays, conventional paragraphs and footers in the body add entries, references come from footers, reverts are listed. `conventional-changelog`: one entry per commit, references anywhere in the message, a revert and its target cancel out.",
      ),
    sections: z
      .array(sectionSchema)
      .default(DEFAULT_SECTIONS)
      .describe("Commit types in the order their sections appear."),
    sentenceCase: z
      .boolean()
      .default(false)
      .describe(
        "Capitalise the first letter of every entry, as release-please's `sentence-case` plugin does (`gRPC` and `npm` subjects stay as written).",
      ),
    tagPrefix: z
      .string()
      .default("v")
      .describe("Text before the version in release tags: `v`, `` (bare), `pkg-v`, `@scope/pkg@`."),
    preMajorBreakingBumps: z
      .enum(["minor", "major"])
      .default("minor")
      .describe("What a breaking change bumps while the version is below 1.0.0."),
    initialVersion: z
      .string()
      .default("1.0.0")
      .describe("Version of the first release when no release tag exists yet."),
    botAuthors: z
      .array(z.string())
      .default([])
      .describe(
        "Author names or emails whose commits are left out of the notes (e.g. `renovate[bot]`).",
      ),
    overridesFile: z
      .string()
      .default(".github/release-notes-overrides.yml")
      .describe(
        "File in the repository that rewords, hides or re-types entries, keyed by commit sha.",
      ),
    repositoryUrl: z
      .string()
      .optional()
      .describe("Base URL for links; defaults to package.json `repository`, then the git remote."),
    patchSections: z
      .array(z.string())
      .default(["fix", "security"])
      .describe("Commit types listed in the patch release notes."),
    enhancementSections: z
      .array(z.string())
      .default(["feat", "feature"])
      .describe("Commit types listed in the enhancement release notes."),
  })
  .prefault({});

export type ReleaseNotesConfig = z.infer<typeof releaseNotesConfigSchema>;
