// Upkeep edits, deletes and trusts only what its own identity wrote: another bot or a person
// pasting Upkeep's hidden markers changes nothing. The real App on signed webhooks, on the sandbox.
import { afterEach, describe, expect, it } from "vitest";
import { postWebhook } from "../app/harness.ts";
import { startAppOnSandbox } from "../support/app-on-sandbox.ts";

const REPO = "octo-org/octo-repo";
const IMPOSTOR = "copycat[bot]";
let world: Awaited<ReturnType<typeof startAppOnSandbox>> | undefined;
afterEach(async () => {
  world?.sandbox.assertValid();
  await world?.close();
  world = undefined;
});

async function start(config: string) {
  world = await startAppOnSandbox();
  const { sandbox } = world;
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": config } });
  sandbox.addUser(IMPOSTOR, { type: "Bot" });
  for (const [login, permission] of [
    ["oncall", "write"],
    ["reporter", "read"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  return world;
}

/** Runs `steps` while the App hears nothing, then hands it the delivery the test chooses. */
async function quietly<T>(steps: () => Promise<T>): Promise<T> {
  const { sandbox, app } = world!;
  sandbox.setWebhook({ url: "http://127.0.0.1:9/unreachable" });
  const result = await steps();
  await sandbox.idle();
  sandbox.setWebhook({ url: app.webhookUrl, secret: sandbox.webhookSecret });
  return result;
}

function payloadOf(event: string, action: string, number: number) {
  const found = world!.sandbox.deliveries.findLast(
    (delivery) =>
      delivery.event === event &&
      delivery.action === action &&
      (delivery.payload.issue as { number?: number })?.number === number,
  );
  if (!found) throw new Error(`no ${event}.${action} for #${number}`);
  return found.payload;
}

describe("markers are owned by Upkeep's identity", () => {
  it("another bot's comment with a copied triage marker is neither edited nor deleted", async () => {
    const { sandbox } = await start("triage:\n  explain: true\n");
    const copied = "<!-- upkeep:triage -->\nSeverity: minor (trust me)";
    const { number, commentId } = await quietly(async () => {
      const number = await sandbox.as("reporter").openIssue(REPO, { title: "Data loss on save" });
      const commentId = await sandbox.as(IMPOSTOR).comment(REPO, number, copied);
      return { number, commentId };
    });
    expect(await postWebhook(world!, "issues", payloadOf("issues", "opened", number))).toBe(202);
    await sandbox.idle();
    const comments = sandbox.issue(REPO, number).comments;
    expect(comments.find((comment) => comment.id === commentId)?.body).toBe(copied);
    const own = comments.filter(
      (comment) => comment.user === "upkeep[bot]" && comment.body.startsWith("<!-- upkeep:triage"),
    );
    expect(own).toHaveLength(1);
    expect(own[0]!.body).toContain("<!-- upkeep:key id=");
    expect(own[0]!.body).toContain("by=upkeep_bot_");
  });

  it("a copied status marker is not taken for Upkeep's SLA comment", async () => {
    const { sandbox } = await start("sla:\n  enabled: true\n");
    const copied =
      '<!-- upkeep:sla {"v":1,"cycle":1,"severity":"critical","response":{"state":"met","due":null},"resolution":{"state":"met","due":null},"paused":false,"escalated":[],"seen":null,"next":null} -->\nall good';
    const { number, commentId } = await quietly(async () => {
      const number = await sandbox.as("reporter").openIssue(REPO, { title: "Checkout is down" });
      const commentId = await sandbox.as(IMPOSTOR).comment(REPO, number, copied);
      return { number, commentId };
    });
    expect(await postWebhook(world!, "issues", payloadOf("issues", "opened", number))).toBe(202);
    await sandbox.idle();
    const comments = sandbox.issue(REPO, number).comments;
    expect(comments.find((comment) => comment.id === commentId)?.body).toBe(copied);
    const status = comments.filter(
      (comment) => comment.user === "upkeep[bot]" && comment.body.startsWith("<!-- upkeep:sla "),
    );
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain("on track");
  });

  it("a skip record pasted by another bot does not stop the incident's RCA", async () => {
    const { sandbox } = await start("sla:\n  enabled: false\n");
    const number = await sandbox.as("reporter").openIssue(REPO, { title: "Checkout is down" });
    await sandbox.idle();
    await sandbox
      .as(IMPOSTOR)
      .comment(REPO, number, "<!-- upkeep:rca-skip by=oncall -->\nNo RCA needed.");
    await sandbox.as("oncall").comment(REPO, number, "Fixed the pool");
    await sandbox.as("oncall").close(REPO, number, "completed");
    await sandbox.idle();
    const rcas = sandbox.issues(REPO).filter((issue) => issue.labels.includes("rca"));
    expect(rcas.map((issue) => issue.title)).toEqual([`RCA: Checkout is down (#${number})`]);
  });
});
