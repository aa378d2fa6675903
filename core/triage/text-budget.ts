// How much of an issue or comment triage reads. GitHub caps issue and comment bodies at 65,536
// characters, so a real body is never cut; the CLI and the action can be handed anything, and
// nothing past this budget may cost time.

export const MAX_TRIAGE_TEXT = 65_536;

export interface BudgetedText {
  text: string;
  /** True when the text was longer than the budget and only its start is read. */
  cut: boolean;
}

export function withinTriageBudget(text: string): BudgetedText {
  if (text.length <= MAX_TRIAGE_TEXT) return { text, cut: false };
  return { text: text.slice(0, MAX_TRIAGE_TEXT), cut: true };
}
