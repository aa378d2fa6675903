import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { loggableError } from "./loggable-error.ts";

describe("errors in the App's log", () => {
  it("keep the status and request line but never the body sent or the response", () => {
    const error = new RequestError("Validation Failed", 422, {
      request: {
        method: "POST",
        url: "https://api.github.com/repos/o/r/issues?access_token=ghs_secret",
        headers: { authorization: "token ghs_secret" },
        body: { title: "Private incident", body: "customer data" },
      },
      response: {
        status: 422,
        url: "https://api.github.com/repos/o/r/issues",
        headers: {},
        data: { message: "Validation Failed", echoed: "customer data" },
      },
    });
    const logged = JSON.stringify(loggableError(error));
    expect(loggableError(error)).toMatchObject({
      status: 422,
      request: "POST https://api.github.com/repos/o/r/issues",
    });
    for (const secret of ["ghs_secret", "customer data", "Private incident"])
      expect(logged).not.toContain(secret);
  });
});
