// The resolution deadline under random pauses equals a minute-by-minute walk that counts a minute
// when the issue is not paused and the minute is working time (isWorkingTime shares the day intervals
// that calendar.test.ts checks against luxon minute by minute): how pauses compose with the calendar.
import { describe, expect, it } from "vitest";
import { isWorkingTime } from "../../core/sla/calendar.ts";
import { assessIssue } from "../../core/sla/plan.ts";
import { seededRandom } from "./random.ts";
import { IssueStory, maintainer, settings } from "./snapshot.ts";

const MINUTE = 60_000;
const CONFIG = (resolution: number) => `
sla:
  calendars:
    office:
      timezone: America/New_York
      hours: { weekdays: ["08:00-12:00", "13:00-18:00"], sat: "10:00-14:00" }
      holidays: ["2026-11-26"]
  goals:
    major: { response: 1d, resolution: ${resolution}m, calendar: office }
`;

describe("resolution deadline with pauses", () => {
  it("matches a minute-by-minute walk over 40 random histories across the November DST change", () => {
    const random = seededRandom(2026);
    for (let round = 0; round < 40; round++) {
      const created =
        Date.parse("2026-10-29T12:00:00Z") + Math.floor(random() * 20 * 1440) * MINUTE;
      const story = new IssueStory(new Date(created).toISOString(), ["severity: major"]);
      story.comment(new Date(created + MINUTE).toISOString(), maintainer);
      const pauses: [number, number][] = [];
      let at = created;
      for (let count = Math.floor(random() * 4); count > 0; count--) {
        const start = at + Math.floor(random() * 2 * 1440) * MINUTE + MINUTE;
        const end = start + Math.floor(random() * 3 * 1440) * MINUTE + MINUTE;
        story.label(new Date(start).toISOString(), "waiting-for-reporter");
        story.unlabel(new Date(end).toISOString(), "waiting-for-reporter");
        pauses.push([start, end]);
        at = end;
      }
      const goal = (Math.floor(random() * 40 * 60) + 1) * MINUTE;
      const config = settings(CONFIG(goal / MINUTE));
      const status = assessIssue(story.snapshot(), config, at + MINUTE);
      const office = config.calendars.get("office")!;
      let left = goal;
      let due = created;
      for (let minute = created; left > 0; minute += MINUTE) {
        const paused = pauses.some(([start, end]) => minute >= start && minute < end);
        if (!paused && isWorkingTime(office, minute)) left -= MINUTE;
        due = minute + MINUTE;
      }
      expect(status.resolution.due, `round ${round}`).toBe(due);
    }
  });
});
