import { check } from '../check.js';
import type { CheckOptions } from '../options.js';
import { formatFailure } from '../report/text.js';
import { isOperationSpec, operationScenario } from './operation-spec.js';

/**
 * The `toBeLinearizable` matcher's body: explores the operation spec and
 * passes when no history it records is non-linearizable. The failure message
 * is the minimal history table, the interleaving and the replay token.
 */
export async function toBeLinearizable(received: unknown, options: CheckOptions = {}): Promise<{ pass: boolean; message: () => string }> {
  if (!isOperationSpec(received)) return { pass: false, message: () => 'expected an operation spec ({ name, create, operations, model })' };
  const result = await check(operationScenario(received), { runs: received.runs, ...options });
  return {
    pass: !result.failed,
    message: () => (result.failed ? `expected ${received.name} to be linearizable, but:\n${formatFailure(result)}` : `expected ${received.name} not to be linearizable, but ${result.runs} runs found only linearizable histories (seed ${result.seed})`),
  };
}
