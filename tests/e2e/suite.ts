/**
 * The set-up every browser suite shares: a loopback server and one browser with the package
 * installed, started before the suite's tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { launch, startServer, type BrowserName, type Server, type Session } from './harness.js';

export interface BrowserSuite {
  readonly session: Session;
  readonly server: Server;
}

export interface BrowserSuiteOptions {
  /** The package folder to install (built by the suite itself, e.g. with a test dataset); dist/ by default. */
  dist?: () => string;
  launch?: Parameters<typeof launch>[2];
  /** For a set-up that builds a package first. */
  setupTimeoutMs?: number;
}

/** Registers the suite's beforeAll/afterAll; its session and server are there from the first test on. */
export function browserSuite(name: BrowserName, options: BrowserSuiteOptions = {}): BrowserSuite {
  let session: Session | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    server = await startServer();
    session = await launch(name, options.dist?.(), options.launch);
  }, options.setupTimeoutMs);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`the ${what} is used before the suite started it`);
    return value;
  };
  return {
    get session() {
      return started(session, 'browser');
    },
    get server() {
      return started(server, 'server');
    },
  };
}
