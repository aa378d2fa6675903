// Delivers webhooks one at a time, in the order the changes happened, signed like GitHub signs them.
// Nothing here blocks an API response: deliveries start after the current request has been answered.
import { createHmac, randomUUID } from "node:crypto";
import { seededRandom } from "../faults.ts";

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliveryRecord {
  id: string;
  event: string;
  action?: string;
  /** HTTP status from the receiver; 0 when there was no webhook URL or the connection failed. */
  status: number;
  /** The payload as sent, for tests that inspect what the app received. */
  payload: Record<string, unknown>;
}

interface Pending {
  record: DeliveryRecord;
  resolve: (result: { status: number; body: string }) => void;
}

/**
 * How deliveries go out. GitHub sends them concurrently and not always in order; the default (one
 * at a time, in order) keeps tests simple, and this lets a test prove a handler does not care.
 */
export interface DeliveryMode {
  /** Deliveries in flight at once (default 1). */
  concurrency?: number;
  /** Shuffle each batch of queued deliveries with this seed before sending. */
  shuffleSeed?: number;
}

export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export class WebhookQueue {
  target?: WebhookTarget;
  readonly defaultSecret: string;
  readonly log: DeliveryRecord[] = [];
  private readonly pending: Pending[] = [];
  private busy = false;
  private idleWaiters: (() => void)[] = [];
  /** When the last delivery finished (wall clock); settled() counts quiet time from it too. */
  lastDoneAt = 0;
  private concurrency = 1;
  private shuffle?: () => number;

  setMode(mode: DeliveryMode): void {
    const concurrency = mode.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(
        `delivery concurrency must be a whole number of at least 1, got ${mode.concurrency}`,
      );
    }
    this.concurrency = concurrency;
    this.shuffle = mode.shuffleSeed === undefined ? undefined : seededRandom(mode.shuffleSeed);
  }

  constructor(defaultSecret: string, target?: WebhookTarget) {
    this.defaultSecret = defaultSecret;
    this.target = target;
  }

  enqueue(
    event: string,
    payload: Record<string, unknown>,
    deliveryId?: string,
  ): Promise<{ status: number; body: string }> {
    const action = typeof payload.action === "string" ? payload.action : undefined;
    const record: DeliveryRecord = {
      id: deliveryId ?? randomUUID(),
      event,
      action,
      status: 0,
      payload,
    };
    this.log.push(record);
    return new Promise((resolve) => {
      this.pending.push({ record, resolve });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.pump());
      }
    });
  }

  isIdle(): boolean {
    return !this.busy && this.pending.length === 0;
  }

  /** Resolves once nothing is queued or in flight, including deliveries those deliveries caused. */
  idle(): Promise<void> {
    if (!this.busy && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async pump(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.concurrency);
      if (this.shuffle) shuffleInPlace(batch, this.shuffle);
      await Promise.all(
        batch.map(async (next) => {
          const result = await this.send(next.record);
          next.record.status = result.status;
          this.lastDoneAt = Date.now();
          next.resolve(result);
        }),
      );
    }
    this.busy = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async send(record: DeliveryRecord): Promise<{ status: number; body: string }> {
    const target = this.target;
    if (!target) return { status: 0, body: "no webhook URL set" };
    const body = JSON.stringify(record.payload);
    const installation = record.payload.installation as { id?: number } | undefined;
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/sandbox",
          "x-github-event": record.event,
          "x-github-delivery": record.id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-type": "integration",
          "x-github-hook-installation-target-id": String(installation?.id ?? ""),
          "x-hub-signature-256": signPayload(target.secret, body),
        },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { status: 0, body: `delivery failed: ${(error as Error).message}` };
    }
  }
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
