// Placeholder until workflows exist; replaced by the workflow linter.
console.log("no workflows to check");
