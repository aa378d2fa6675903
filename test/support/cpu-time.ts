// CPU time of a synchronous call, for tests that feed worst-case input to a parser. A
// backtracking pattern would take minutes on these inputs, so the bounds asserted are loose
// (seconds) and CPU time, not wall-clock, keeps a busy machine from failing them.
export function cpuMillis<T>(run: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1_000 };
}

/** Generous per-input budget: linear code needs milliseconds, a super-linear one minutes. */
export const WORST_CASE_CPU_MS = 2_000;
