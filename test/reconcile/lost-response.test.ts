// A write that reaches GitHub but whose answer is lost (a proxy's 502 after forwarding) must not
// be created twice: the real App on signed webhooks, against the sandbox's "lost" fault.
import { afterEach, describe, expect, it } from "vitest";
import { REPO, startWorld, type World } from "../tracking/support/world.ts";

let world: World;
afterEach(async () => {
  world.sandbox.assertValid();
  await world.close();
});

const EXPLAIN = "triage:\n  explain: true\n";

function ownComments(number: number, marker: RegExp) {
  return world.sandbox
    .issue(REPO, number)
    .comments.filter((comment) => comment.user === "upkeep[bot]" && marker.test(comment.body));
}

async function incident(title: string): Promise<number> {
  const number = await world.sandbox.as("reporter").openIssue(REPO, { title, body: "503s" });
  await world.sandbox.idle();
  world.later(30);
  await world.sandbox.as("oncall").comment(REPO, number, "On it");
  await world.sandbox.idle();
  return number;
}

describe("responses lost after a successful create", () => {
  it("two incidents closed while every other write loses its answer get one RCA each", async () => {
    world = await startWorld({ config: EXPLAIN });
    const first = await incident("Checkout is down");
    const second = await incident("Login is down");
    world.sandbox.setFaults({ rate: 0.5, kinds: ["lost"], seed: 5 });
    await world.sandbox.as("oncall").close(REPO, first, "completed");
    await world.sandbox.as("oncall").close(REPO, second, "completed");
    await world.sandbox.idle();
    world.sandbox.setFaults({ rate: 0 });
    const lostWrites = world.sandbox.requests.filter(
      (request) => request.status === 502 && request.method !== "GET",
    );
    expect(lostWrites.length).toBeGreaterThan(0);
    const rcas = world.sandbox.issues(REPO).filter((issue) => issue.labels.includes("rca"));
    expect(rcas.map((rca) => rca.title).sort()).toEqual([
      `RCA: Checkout is down (#${first})`,
      `RCA: Login is down (#${second})`,
    ]);
    for (const number of [first, second]) {
      expect(ownComments(number, /<!-- upkeep:rca-link /)).toHaveLength(1);
      expect(ownComments(number, /<!-- upkeep:triage/)).toHaveLength(1);
      expect(ownComments(number, /<!-- upkeep:sla /)).toHaveLength(1);
    }
  });

  it("an explanation comment whose answer is always lost is posted once", async () => {
    world = await startWorld({ config: EXPLAIN });
    world.sandbox.setFaults({ rate: 0.6, kinds: ["lost"], seed: 9 });
    const number = await world.sandbox
      .as("reporter")
      .openIssue(REPO, { title: "Data loss on save" });
    await world.sandbox.idle();
    world.sandbox.setFaults({ rate: 0 });
    expect(world.sandbox.issue(REPO, number).labels).toContain("severity: critical");
    expect(ownComments(number, /<!-- upkeep:triage/)).toHaveLength(1);
    expect(ownComments(number, /<!-- upkeep:sla /)).toHaveLength(1);
  });
});
