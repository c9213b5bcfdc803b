import type { test as playwrightTest } from '@playwright/test';
import { baseUrlOf, projectRoot } from './checks';
import { closeDatabase } from './database';
import { openSession, type Session } from './world';

/**
 * One session of the matrix (every actor signed in, the suite's own records made) for a whole spec file:
 * opened before its first test, disposed after its last. Returns the getter the tests use.
 */
export function sharedSession(test: typeof playwrightTest): () => Session {
  let session: Session | undefined;
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    session = await openSession(playwright.request, baseUrlOf(testInfo), projectRoot(testInfo));
  });
  test.afterAll(async () => {
    await session?.dispose();
    await closeDatabase();
  });
  return () => {
    if (!session) throw new Error('no session: beforeAll failed');
    return session;
  };
}
