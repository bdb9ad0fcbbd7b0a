import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { VerdictEventBus } from '#adapters/eventbridge/event-bus-definitions';
import { EventBridgeEventPublisher } from '#adapters/eventbridge/eventbridge-event-publisher';
import type { EventPublisher } from '#ports/event-publisher';
import { ConfigurationError } from './errors.ts';

/** The verdict event publisher's dependencies on AWS, from its environment: the bus to put events on. */
export function createVerdictEventDependencies(env: NodeJS.ProcessEnv = process.env): {
  publisher: EventPublisher;
} {
  const eventBusName = env[VerdictEventBus.envVar];
  if (!eventBusName) throw new ConfigurationError([VerdictEventBus.envVar]);
  return { publisher: new EventBridgeEventPublisher(new EventBridgeClient({}), { eventBusName }) };
}
