import { parseArgs } from "node:util";
import { chatCompletionsTransport } from "../../adapters/chat-completions.ts";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { decideSeverity } from "../../core/triage/decide.ts";
import { consultModel, modelMayDecide } from "../../core/triage/model/consult.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";
import { readFlagFile } from "../files.ts";

export const triageCommand: CliCommand = {
  name: "triage",
  summary: "Decide an issue's severity from its title, body and labels (no GitHub access)",
  usage: "upkeep triage --title TITLE --body-file FILE|- [--labels a,b] [--config FILE] [--json]",
  async run(args, io) {
    const options = parseOptions(args);
    const configFile = options.config ?? CONFIG_PATH;
    const loaded = await loadLocalConfig(io, configFile, {
      required: options.config !== undefined,
    });
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
      return EXIT.usage;
    }
    const body = await readBody(options.bodyFile, io);
    const labels = (options.labels ?? "")
      .split(",")
      .map((label) => label.trim())
      .filter(Boolean);
    const subject = { title: options.title, body, labels };
    const triage = loaded.config.triage;
    const rules = decideSeverity(subject, triage);
    const decision =
      triage.model.enabled && modelMayDecide(rules)
        ? await consultModel(
            rules,
            subject,
            triage.model,
            chatCompletionsTransport({ config: triage.model, env: process.env }),
          )
        : rules;
    const reason = plain(decision.reason);
    if (options.json) {
      io.stdout(`${JSON.stringify({ severity: decision.severity, reason })}\n`);
    } else {
      io.stdout(`severity: ${decision.severity ?? "none"}\nreason:   ${reason}\n`);
    }
    return EXIT.ok;
  },
};

function parseOptions(args: string[]) {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { title, "body-file": bodyFile } = parsed.values;
  if (title === undefined) throw new UsageError("--title is required");
  if (bodyFile === undefined) throw new UsageError("--body-file is required (use - for stdin)");
  return { ...parsed.values, title, bodyFile };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    options: {
      title: { type: "string" },
      "body-file": { type: "string" },
      labels: { type: "string" },
      config: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
}

async function readBody(file: string, io: CliIo): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  return readFlagFile(io, "--body-file", file);
}

/** The reason is written for Markdown; on a terminal drop the invisible mention guard. */
function plain(reason: string): string {
  return reason.replace(/\u2060/g, "");
}
