/** An EventBridge bus Patrol publishes to, shared by the CDK stacks and the publisher. */
export interface EventBusDefinition {
  /** Logical id; the bus is named `patrol-<stage>-<id>`. */
  id: string;
  /** The `source` of every event Patrol puts on the bus; platforms' rules match on it. */
  source: string;
  /** The environment variable through which functions learn the bus name. */
  envVar: string;
}

/** Where platforms receive verdict events (detail type `verdict.decided`, detail the event JSON). */
export const VerdictEventBus: EventBusDefinition = {
  id: 'verdict-events',
  source: 'patrol',
  envVar: 'VERDICT_EVENT_BUS_NAME',
};
