// A loopback HTTP endpoint that records webhook deliveries, standing in for the app in sandbox tests.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  close(): Promise<void>;
}

/** `respond` lets a test act like the app: it runs before the 200 goes back, as Probot's handlers do. */
export async function startReceiver(
  respond?: (delivery: ReceivedDelivery) => Promise<void> | void,
): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(delivery);
      await respond?.(delivery);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
