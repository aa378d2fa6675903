// A fake OpenAI-compatible chat-completions server on loopback, for the model-assisted triage's
// tests: it records what it was sent and answers as each test scripts it (an answer, an HTTP
// error, silence past the client's timeout). Never the internet.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedChat {
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    messages: { role: string; content: string }[];
    max_tokens: number;
    response_format?: { type: string };
  };
}

export type Reply =
  | { content: string; totalTokens?: number }
  | { status: number; text: string }
  | { hangMs: number }
  | { redirectTo: string };

export interface FakeChatServer {
  baseUrl: string;
  received: ReceivedChat[];
  /** Replies in order; the last one repeats. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startFakeChatServer(): Promise<FakeChatServer> {
  let replies: Reply[] = [{ content: '{"severity":"none","evidence":[]}' }];
  const received: ReceivedChat[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({
      path: request.url ?? "",
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
    });
    const reply = (replies.length > 1 ? replies.shift() : replies[0]) as Reply;
    if ("hangMs" in reply) {
      await new Promise((resolve) => setTimeout(resolve, reply.hangMs));
      if (!response.destroyed) response.end();
      return;
    }
    if ("redirectTo" in reply) {
      response.writeHead(307, { location: reply.redirectTo }).end();
      return;
    }
    if ("status" in reply) {
      response.writeHead(reply.status, { "content-type": "application/json" }).end(reply.text);
      return;
    }
    const envelope = {
      id: "chatcmpl-fake",
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content: reply.content } }],
      usage: reply.totalTokens === undefined ? undefined : { total_tokens: reply.totalTokens },
    };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(envelope));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    script: (...next) => {
      replies = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

/** A chat answer in the strict shape the classifier asks for. */
export const answer = (severity: string, ...evidence: string[]) =>
  JSON.stringify({ severity, evidence });
