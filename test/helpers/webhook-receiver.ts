import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got: its headers and parsed JSON body. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: { eventId: string } & Record<string, unknown>;
}

/** Decides how the receiver answers the nth request (0-based); 200 when it returns nothing. */
export type Responder = (
  request: ReceivedRequest,
  index: number,
  response: ServerResponse,
) => number | 'hang' | undefined;

/** A platform's webhook endpoint on localhost that records what it is sent. */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Event ids of the requests answered with a 2xx, in order. */
  accepted: string[];
  close(): Promise<void>;
}

/** Starts a webhook receiver; `respond` chooses each answer's status or leaves a request hanging. */
export async function startWebhookReceiver(respond: Responder = () => 200): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const accepted: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      const index = requests.push(received) - 1;
      const status = respond(received, index, response) ?? 200;
      if (status === 'hang') return;
      if (status >= 200 && status < 300) accepted.push(received.body.eventId);
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/patrol`,
    requests,
    accepted,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
