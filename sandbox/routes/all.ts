// Every REST route the sandbox serves.
import type { Route } from "../http/route.ts";
import { advisoryRoutes } from "./advisories.ts";
import { appRoutes } from "./app.ts";
import { codeScanningRoutes } from "./code-scanning.ts";
import { commentRoutes } from "./comments.ts";
import { commitRoutes } from "./commits.ts";
import { eventRoutes } from "./events.ts";
import { issueRoutes } from "./issues.ts";
import { labelRoutes } from "./labels.ts";
import { releaseRoutes } from "./releases.ts";
import { repoRoutes } from "./repos.ts";
import { searchRoutes } from "./search.ts";

export const allRoutes: Route[] = [
  ...appRoutes,
  ...repoRoutes,
  ...issueRoutes,
  ...labelRoutes,
  ...commentRoutes,
  ...eventRoutes,
  ...searchRoutes,
  ...releaseRoutes,
  ...codeScanningRoutes,
  ...commitRoutes,
  ...advisoryRoutes,
];
