import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DemoMessage, nextDemoMessage } from './demo-content.ts';

export interface DemoFeedOptions {
  /** A client configured as a platform's would be, pointed at the local SQS endpoint. */
  client: SQSClient;
  queueUrl: string;
  /** Messages per second; 2 by default. */
  ratePerSecond?: number;
  random?: () => number;
  onSent?: (message: DemoMessage, messageId: string) => void;
  onError?: (error: unknown) => void;
}

/** A running demo feed; `stop()` sends nothing more and waits for the send in flight. */
export interface DemoFeed {
  stop(): Promise<void>;
}

/** Posts demo content to the ingest queue at a steady rate, through the SQS API as a platform does. */
export function startDemoFeed(options: DemoFeedOptions): DemoFeed {
  const intervalMs = 1_000 / (options.ratePerSecond ?? 2);
  let stopped = false;
  let wakeUp: (() => void) | undefined;

  const run = async () => {
    let nextAt = Date.now();
    for (let sequence = 1; !stopped; sequence += 1) {
      const message = nextDemoMessage(sequence, new Date(), options.random);
      try {
        const { MessageId } = await options.client.send(
          new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: message.body }),
        );
        options.onSent?.(message, MessageId ?? '');
      } catch (error) {
        options.onError?.(error);
      }
      // Paced from the schedule, not from the last send, so a slow send does not lower the rate.
      nextAt = Math.max(nextAt + intervalMs, Date.now() - intervalMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, nextAt - Date.now()));
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const running = run();

  return {
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}
