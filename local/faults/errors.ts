/** Base of the faults the local runtime injects on purpose, and of mistakes in asking for them. */
export class FaultInjectionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FaultInjectionError';
  }
}

/** A `--faults` value that is not a list of known `name=rate` pairs; `fault` names the offending entry. */
export class FaultPlanError extends FaultInjectionError {
  readonly fault: string;

  constructor(fault: string, message: string) {
    super(`--faults ${fault}: ${message}`);
    this.name = 'FaultPlanError';
    this.fault = fault;
  }
}

/** The worker died mid-batch on purpose: the records before `processed` were handled, none was acknowledged. */
export class InjectedCrashError extends FaultInjectionError {
  readonly processed: number;
  readonly received: number;

  constructor(processed: number, received: number) {
    super(`injected crash after ${processed} of ${received} records of the batch`);
    this.name = 'InjectedCrashError';
    this.processed = processed;
    this.received = received;
  }
}

/** The worker was killed while this batch was in flight; as with a dead Lambda, nothing of it is acknowledged. */
export class WorkerKilledError extends FaultInjectionError {
  constructor() {
    super('the worker was killed while the batch was in flight');
    this.name = 'WorkerKilledError';
  }
}
