// Alert events (Dependabot, code scanning, secret scanning, repository advisories): the alert
// becomes a finding and its security window is reconciled (github/tracking/security-windows.ts).
import { findingFromWebhook } from "../../core/tracking/security/sources/index.ts";
import { slaCalendarsWithHolidays } from "../../github/tracking/calendars.ts";
import { reconcileSecurityWindows } from "../../github/tracking/security-windows.ts";
import { defineHandler } from "../handler.ts";
import { KeyedLock } from "../keyed-lock.ts";

// Windows of one repository are reconciled one delivery at a time, so concurrent alerts for the
// same finding or package see each other's issues instead of both creating one.
const windowLock = new KeyedLock();

export const securityAlertsHandler = defineHandler({
  name: "security-window",
  events: [
    "dependabot_alert",
    "code_scanning_alert",
    "secret_scanning_alert",
    "repository_advisory",
  ],
  // GitHub itself (or its bots) sends alert events.
  acceptBots: true,
  async handle({ context, payload, github, config, clock, log }) {
    const loaded = await config();
    const result = findingFromWebhook(context.name, payload, {
      receivedAt: clock.now(),
      secretSeverity: loaded.tracking.securityWindows.secretSeverity,
    });
    if (result.kind === "invalid") {
      log.warn(
        { event: context.name, problem: result.message },
        "malformed alert payload; skipped",
      );
      return;
    }
    if (result.kind === "ignored") return;
    const key = `${github.repo.owner}/${github.repo.repo}`.toLowerCase();
    const calendars = await slaCalendarsWithHolidays(github, loaded);
    const report = await windowLock.run(key, () =>
      reconcileSecurityWindows(github, [result.finding], loaded, clock, {
        calendars,
        warn: (message) => log.warn({}, message),
      }),
    );
    log.info({ finding: result.finding.id, report }, "security window");
  },
});
