import { describe, expect, it } from "vitest";
import { parseSearch } from "../../sandbox/search/query.ts";

describe("parsing GitHub issue-search queries", () => {
  it.each([
    [
      "repo:Octo-Org/Octo-Repo is:issue is:open",
      { repos: ["octo-org/octo-repo"], kind: "issue", state: "open" },
    ],
    ['label:"needs triage" -label:wontfix', { labels: [["needs triage"]], notLabels: ["wontfix"] }],
    [
      'label:bug,"severity: critical" label:regression',
      { labels: [["bug", "severity: critical"], ["regression"]] },
    ],
    [
      "is:pr state:closed no:label no:assignee",
      { kind: "pr", state: "closed", noLabel: true, noAssignee: true },
    ],
    [
      "crash in:title,body author:alice assignee:bob",
      { words: ["crash"], author: "alice", assignee: "bob" },
    ],
    [
      "created:>=2026-03-01 closed:2026-03-01..2026-03-31",
      {
        dates: [
          { field: "created", op: ">=", value: "2026-03-01" },
          { field: "closed", op: "", value: "2026-03-01..2026-03-31" },
        ],
      },
    ],
  ])("%s", (query, expected) => {
    expect(parseSearch(query)).toMatchObject(expected);
  });

  it("scopes plain words with in:", () => {
    expect([...parseSearch("segfault in:title,comments").scopes]).toEqual(["title", "comments"]);
  });
});
