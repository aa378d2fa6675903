// createOnce, the one place that decides when a create may be tried again.
import { describe, expect, it } from "vitest";
import { createOnce, isAmbiguousFailure } from "../../github/idempotent-create.ts";

const failure = (status?: number) => Object.assign(new Error(`status ${status}`), { status });

/** A world where `landed` says whether each attempt's write happened, whatever it answered. */
function world(answers: { fails?: number | "timeout"; landed: boolean }[], existing = false) {
  const created: number[] = existing ? [0] : [];
  let attempts = 0;
  let looks = 0;
  return {
    steps: {
      find: async () => {
        looks++;
        return created[0];
      },
      attempt: async () => {
        const answer = answers[attempts++] ?? { landed: true };
        if (answer.landed) created.push(attempts);
        // A network error or timeout has no status at all.
        if (answer.fails === "timeout") throw new Error("socket hang up");
        if (answer.fails !== undefined) throw failure(answer.fails);
        return attempts;
      },
    },
    created,
    counts: () => ({ attempts, looks }),
  };
}

describe("createOnce", () => {
  it("adopts what is already there without creating", async () => {
    const w = world([], true);
    expect(await createOnce(w.steps, { waitMs: 0 })).toBe(0);
    expect(w.counts()).toEqual({ attempts: 0, looks: 1 });
  });

  it("after a 502 whose write landed, finds it and does not create again", async () => {
    const w = world([{ fails: 502, landed: true }]);
    expect(await createOnce(w.steps, { waitMs: 0 })).toBe(1);
    expect(w.created).toEqual([1]);
    expect(w.counts()).toEqual({ attempts: 1, looks: 2 });
  });

  it("after a timeout whose write did not land, looks, then creates again", async () => {
    const w = world([{ fails: "timeout", landed: false }, { landed: true }]);
    expect(await createOnce(w.steps, { waitMs: 0 })).toBe(2);
    expect(w.created).toEqual([2]);
  });

  it("a 4xx is an answer, not a doubt: it is thrown without looking again", async () => {
    const w = world([{ fails: 422, landed: false }]);
    await expect(createOnce(w.steps, { waitMs: 0 })).rejects.toMatchObject({ status: 422 });
    expect(w.counts()).toEqual({ attempts: 1, looks: 1 });
  });

  it("gives up after the last attempt with the failure", async () => {
    const w = world([
      { fails: 500, landed: false },
      { fails: 500, landed: false },
    ]);
    await expect(createOnce(w.steps, { waitMs: 0, attempts: 2 })).rejects.toMatchObject({
      status: 500,
    });
    expect(w.created).toEqual([]);
  });

  it("skips the first look when the caller just looked", async () => {
    const w = world([]);
    await createOnce(w.steps, { waitMs: 0, skipFirstLook: true });
    expect(w.counts()).toEqual({ attempts: 1, looks: 0 });
  });

  it.each([
    [500, true],
    [502, true],
    [undefined, true],
    [404, false],
    [422, false],
    [403, false],
  ])("status %s is ambiguous: %s", (status, ambiguous) => {
    expect(isAmbiguousFailure(failure(status))).toBe(ambiguous);
  });
});
