// The built-in bodies, identical to templates/rca.md and templates/security-window.md (a test
// keeps them equal). Embedded because the core reads no files and the bundles ship no templates.

export const DEFAULT_RCA_TEMPLATE = `## Root-cause analysis: {{incident_title}}

Incident: {{incident_link}} · Severity: **{{severity}}** · Closed by {{closed_by}} · Due: **{{due}}**

### Summary
_What happened, in two or three sentences a newcomer can follow._

### Impact
- Start: {{started_at}}
- End: {{ended_at}}
- Duration: {{duration}}
- Who and what was affected:

### Root causes
_Why it happened. Keep asking "why" until the answer is a process or design decision, not a person._

### Trigger
_The change or event that set it off._

### Resolution
_What stopped the impact, and what fixed it for good._

### Detection
_How we found out (alert, user report, …) and how long that took. First response: {{first_response}}._

### Action items
- [ ] _Prevent: …_
- [ ] _Detect sooner: …_
- [ ] _Mitigate faster: …_

### Lessons learned
- What went well:
- What went wrong:
- Where we got lucky:

### Timeline
{{timeline}}
`;

export const DEFAULT_SECURITY_WINDOW_TEMPLATE = `**Patch deadline: {{deadline}}** ({{window}} window for **{{severity}}** findings, {{calendar}})

{{summary}}

### Findings
{{findings}}

### Affected
{{affected}}

### Fix
{{fix}}

This issue closes itself when every finding above is fixed or dismissed, and reopens if one reopens.
`;
