// The maintenance report's HTML page is checked in a real headless browser. Chromium comes from
// Debian's packages (browser downloads do not work here), so the test command installs it when missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.UPKEEP_CHROMIUM ?? "/usr/bin/chromium";

if (existsSync(CHROMIUM_PATH)) {
  console.log(`chromium found at ${CHROMIUM_PATH}`);
} else if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log("installing chromium from Debian's packages for the report page test…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
} else {
  console.error(
    `chromium is not at ${CHROMIUM_PATH} and cannot be installed here (needs root and apt-get).`,
  );
  console.error("Install Debian's `chromium` package or set UPKEEP_CHROMIUM to a Chromium binary.");
  process.exit(1);
}
