// The queue's tests run against a real Redis: the one named by UPKEEP_TEST_REDIS_URL, else the one
// on 127.0.0.1:6379, else this script installs Debian's redis-server (when missing) and starts a
// throw-away one on a free loopback port, writing its URL where test/support/redis.ts finds it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
export const REDIS_URL_FILE = join(root, "node_modules/.cache/upkeep-test-redis-url");
const SERVER = "/usr/bin/redis-server";

/** True when something at host:port answers PING with PONG within a second. */
export function answersPing(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (chunk) => done(chunk.toString().startsWith("+PONG")));
    socket.connect(port, host, () => socket.write("PING\r\n"));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function main(): Promise<void> {
  if (process.env.UPKEEP_TEST_REDIS_URL) {
    console.log(`redis for tests: UPKEEP_TEST_REDIS_URL`);
    return;
  }
  if (await answersPing("127.0.0.1", 6379)) {
    console.log("redis for tests: 127.0.0.1:6379");
    return;
  }
  if (existsSync(REDIS_URL_FILE)) {
    const { hostname, port } = new URL(readFileSync(REDIS_URL_FILE, "utf8").trim());
    if (await answersPing(hostname, Number(port))) {
      console.log(`redis for tests: the one started earlier on ${hostname}:${port}`);
      return;
    }
  }
  if (!existsSync(SERVER)) {
    if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
      console.error("redis-server is missing and cannot be installed here: the Redis tests skip.");
      return;
    }
    console.log("installing redis-server from Debian's packages for the queue tests…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "redis-server"], { stdio: "inherit", env });
  }
  const port = await freePort();
  // No persistence: a test Redis holds only what one run writes, under that run's own prefix.
  execFileSync(SERVER, [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "yes",
  ]);
  for (let attempt = 0; attempt < 50 && !(await answersPing("127.0.0.1", port)); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  mkdirSync(dirname(REDIS_URL_FILE), { recursive: true });
  writeFileSync(REDIS_URL_FILE, `redis://127.0.0.1:${port}`);
  console.log(`redis for tests: started on 127.0.0.1:${port}`);
}

if (import.meta.main) await main();
