// Uncaught exceptions and unhandled rejections in the test process itself, where the fault tests run the
// app's data layer: recorded, so a test can say in which round one happened.
// Exceptions are watched with 'uncaughtExceptionMonitor', which changes nothing: Vitest reports them as
// well. Rejections have no monitor event, and Vitest reports one only when its own listener is the only one
// (listenForErrors in vitest/dist/chunks/init.*.js: "if there is another listener, assume that it's handled
// by user code"). While this recorder runs, its checks are what fails the run for a rejection: call
// `expectNone` after everything that could reject, teardown included, and only then `stop`.
import { inspect } from 'node:util';
import { expect } from 'vitest';

export type ProcessErrorRecorder = {
  readonly errors: readonly string[];
  expectNone(when: string): void;
  stop(): void;
};

export function recordProcessErrors(): ProcessErrorRecorder {
  const errors: string[] = [];
  const describe = (value: unknown) => (value instanceof Error ? (value.stack ?? `${value.name}: ${value.message}`) : inspect(value));
  const onException = (error: unknown, origin: string) => errors.push(`${origin}: ${describe(error)}`);
  const onRejection = (reason: unknown) => errors.push(`unhandledRejection: ${describe(reason)}`);
  process.on('uncaughtExceptionMonitor', onException);
  process.on('unhandledRejection', onRejection);
  return {
    errors,
    expectNone(when) {
      expect(errors, `uncaught exceptions or unhandled rejections in the test process ${when}`).toEqual([]);
    },
    stop() {
      process.off('uncaughtExceptionMonitor', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}
