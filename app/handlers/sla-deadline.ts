// A timer set by the SLA handler has come due (app/sla-deadlines.ts): nothing happened to the
// issue, but its SLA may have changed by time alone. Sync it exactly as an event would.
import { defineHandler } from "../handler.ts";
import { SLA_DEADLINE_ACTION } from "../sla-deadlines.ts";
import { syncSlaOf } from "./sla.ts";

export const slaDeadlineHandler = defineHandler({
  name: "sla-deadline",
  // Timers arrive as `issues` events with an action of our own; every other action returns at once.
  events: ["issues"],
  acceptBots: true,
  async handle(event) {
    const payload = event.payload as { action?: string; issue?: { number?: number } };
    const number = payload.issue?.number;
    if (payload.action !== SLA_DEADLINE_ACTION || typeof number !== "number") return;
    const loaded = await event.config();
    if (loaded.sla.enabled) await syncSlaOf(event, number, loaded);
  },
});
