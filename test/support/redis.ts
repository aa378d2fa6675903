// Which Redis the queue tests use (see scripts/ensure-redis.ts), and a fresh key prefix per run
// so parallel runs never see each other's jobs. Undefined when there is none: those suites skip.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { answersPing, REDIS_URL_FILE } from "../../scripts/ensure-redis.ts";

async function findRedis(): Promise<string | undefined> {
  if (process.env.UPKEEP_TEST_REDIS_URL) return process.env.UPKEEP_TEST_REDIS_URL;
  if (await answersPing("127.0.0.1", 6379)) return "redis://127.0.0.1:6379";
  if (existsSync(REDIS_URL_FILE)) {
    const url = readFileSync(REDIS_URL_FILE, "utf8").trim();
    const { hostname, port } = new URL(url);
    if (await answersPing(hostname, Number(port))) return url;
  }
  console.warn(
    "no Redis for the queue tests: set UPKEEP_TEST_REDIS_URL or run `node scripts/ensure-redis.ts`; skipping them",
  );
  return undefined;
}

export const TEST_REDIS_URL = await findRedis();

export function testPrefix(): string {
  return `upkeep-test-${randomUUID().slice(0, 8)}`;
}
