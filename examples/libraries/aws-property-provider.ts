/**
 * @aws-sdk/property-provider's `memoize` (CommonJS, `dist/cjs`), unmodified
 * from npm, audited with
 * `npx racekit audit examples/libraries/aws-property-provider.ts --instrument 'node_modules/aws-property-provider-3-27-0/**,node_modules/aws-property-provider-3-28-0/**'`.
 *
 * Every AWS SDK v3 client resolves its credentials and its region through
 * `memoize(provider)`.
 *
 * The bug, in 3.27.0: `memoize` awaits the provider and only then records that
 * it has a result, so a call that arrives while the first one is loading calls
 * the provider again (a second STS or IMDS round trip); a regression from
 * https://github.com/aws/aws-sdk-js-v3/pull/2680.
 * The fix, 3.28.0 (https://github.com/aws/aws-sdk-js-v3/pull/2716, "do not make
 * extra provider calls when concurrent"): one pending provider call, shared by
 * every caller until it settles.
 *
 * Two requests each resolve credentials and region, in opposite orders.
 * Without yield points each provider call has finished before the other
 * request needs it; the bug needs one call to stay in flight (its `await` in
 * `memoize` not yet resumed) while the other request asks for the same value.
 */
import { memoize as memoize3270 } from 'aws-property-provider-3-27-0';
import { memoize as memoize3280 } from 'aws-property-provider-3-28-0';
import type { Scenario } from '../../src/index.js';

/** What both releases export: `memoize(provider, isExpired?, requiresRefresh?)`. */
export type Memoize = typeof memoize3280;

/** Temporary credentials, as STS returns them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly expiration: Date;
}

/** An SDK client's two memoized providers and how often each real provider ran. */
export interface ClientConfig {
  readonly credentials: () => Promise<Credentials>;
  readonly region: () => Promise<string>;
  readonly calls: { credentials: number; region: number };
}

/** The SDK refreshes credentials that expire within five minutes. */
const EXPIRY_WINDOW_MS = 300_000;

/**
 * The scenario for one release of the package. With `wrap`, each provider is
 * a wrapped call (`ctx.wrap`): its answer is held back by hand, the baseline
 * that needs no instrumentation (bench/yield-points.ts compares the two).
 */
export function providerScenario(name: string, memoize: Memoize, wrap = false): Scenario<ClientConfig> {
  return {
    name,
    setup: (ctx) => {
      const calls = { credentials: 0, region: 0 };
      const held = <T>(fn: () => Promise<T>, label: string) => (wrap ? ctx.wrap(fn, label) : fn);
      // The providers' round trips (STS, the shared config file) resolve at once;
      // only memoize's own awaits can delay their results.
      const credentials = memoize(
        held(async (): Promise<Credentials> => {
          calls.credentials++;
          return { accessKeyId: `AKIA${calls.credentials}`, secretAccessKey: 'secret', expiration: new Date(Date.now() + 3_600_000) };
        }, 'credentials'),
        (c) => c.expiration.getTime() - Date.now() < EXPIRY_WINDOW_MS,
        (c) => c.expiration !== undefined,
      );
      const region = memoize(
        held(async () => {
          calls.region++;
          return 'eu-west-1';
        }, 'region'),
      );
      return { credentials, region, calls };
    },
    tasks: [
      async (_ctx, client) => {
        await client.credentials();
        await client.region();
      },
      async (_ctx, client) => {
        await client.region();
        await client.credentials();
      },
    ],
    invariant: ({ calls }) => {
      for (const [provider, n] of Object.entries(calls)) if (n > 1) return `the ${provider} provider ran ${n} times: a call made while the first was loading did not share it`;
      return true;
    },
  };
}

export const buggy = {
  ...providerScenario('aws-property-provider/buggy', memoize3270),
  expect: 'fail' as const,
  runs: 2000,
  summary: '@aws-sdk/property-provider 3.27.0: memoize calls the provider again while the first call is loading (fixed in 3.28.0, aws/aws-sdk-js-v3#2716)',
};

export const fixed = {
  ...providerScenario('aws-property-provider/fixed', memoize3280),
  expect: 'pass' as const,
  runs: 2000,
  summary: '@aws-sdk/property-provider 3.28.0: concurrent callers share one pending provider call',
};
