// Severity triage: the issue form, a rule, a maintainer's command and an outsider's refused one.
import { excerpt, heading, labelsOf, lastBotComment, REPO, type Stage } from "../stage.ts";

export async function triageScene(stage: Stage): Promise<void> {
  heading("Severity triage");
  const { sandbox } = stage;
  const fromForm = await sandbox.as("visitor").openIssue(REPO, {
    title: "Checkout returns 500 for every customer",
    body: "### Severity\n\nCritical\n\n### What happened?\n\nNobody can pay.",
  });
  await stage.settle();
  stage.say(
    `#${fromForm} opened from the incident form (Severity: Critical) → ${labelsOf(stage, fromForm)}`,
  );
  stage.say(excerpt(lastBotComment(stage, fromForm), 2));

  const byRule = await sandbox.as("visitor").openIssue(REPO, {
    title: "Search results load slowly since yesterday's regression",
    body: "Response times went from 200 ms to 4 s.",
  });
  await stage.settle();
  stage.say(`#${byRule} "…regression" matched a rule → ${labelsOf(stage, byRule)}`);

  const retriaged = await sandbox
    .as("visitor")
    .openIssue(REPO, { title: "Typo on the pricing page" });
  await stage.settle();
  stage.say(`#${retriaged} "Typo on the pricing page" → ${labelsOf(stage, retriaged)}`);
  await sandbox.as("maria").comment(REPO, retriaged, "/severity major");
  await stage.settle();
  stage.say(`   maria (maintain) comments "/severity major" → ${labelsOf(stage, retriaged)}`);
  await sandbox.as("visitor").comment(REPO, retriaged, "/severity critical");
  await stage.settle();
  stage.say(
    `   visitor (no permission) comments "/severity critical" → ${labelsOf(stage, retriaged)}`,
  );
  stage.say(excerpt(lastBotComment(stage, retriaged), 2));
}
