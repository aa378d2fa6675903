// push to the default branch touching .github/upkeep.yml: re-check the file so the "invalid
// config" issue is updated or closed as soon as a maintainer fixes it.
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { defineHandler } from "../handler.ts";

export const configPushHandler = defineHandler({
  name: "config-push",
  events: ["push"],
  async handle({ payload, config }) {
    const defaultRef = `refs/heads/${payload.repository.default_branch}`;
    if (payload.ref !== defaultRef) return;
    const touched = payload.commits.some((commit) =>
      [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(
        CONFIG_PATH,
      ),
    );
    if (!touched) return;
    // Loading the config reports it when invalid and closes an open report when valid.
    await config();
  },
});
