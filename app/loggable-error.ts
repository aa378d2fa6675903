// What of an error goes into the App's log: its kind, message and the request it was about. An
// Octokit error also carries the request body (issue text Upkeep meant to write) and GitHub's
// response; neither belongs in a log shared by every installation.

export interface LoggableError {
  name: string;
  message: string;
  status?: number;
  request?: string;
}

export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error).slice(0, 500) };
  const { status, request } = error as {
    status?: number;
    request?: { method?: string; url?: string };
  };
  return {
    name: error.name,
    message: error.message.slice(0, 500),
    ...(status === undefined ? {} : { status }),
    ...(request?.url ? { request: `${request.method ?? "GET"} ${stripQuery(request.url)}` } : {}),
  };
}

/** Query strings can carry tokens (`?access_token=`); the path says enough. */
function stripQuery(url: string): string {
  return url.split("?")[0] ?? url;
}
