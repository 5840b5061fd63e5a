// Named scenarios the stand-in can be reset to.
import { buildDefaultScenario } from './default';
import type { Scenario } from './types';

const SCENARIO_BUILDERS: Readonly<Record<string, () => Scenario>> = {
  default: () => buildDefaultScenario(),
  /** the default orgs and records without the 1,200 generated Key Accounts: quick to scan by eye */
  small: () => buildDefaultScenario({ bulkAccountCount: 0, name: 'small' }),
  /** 10,000 generated Key Accounts, for `npm run bench:bulk` */
  bulk: () => buildDefaultScenario({ bulkAccountCount: 10_000, name: 'bulk' }),
};

export const DEFAULT_SCENARIO_NAME = 'default';

export function scenarioNames(): string[] {
  return Object.keys(SCENARIO_BUILDERS);
}

export function isScenarioName(name: string): boolean {
  return Object.hasOwn(SCENARIO_BUILDERS, name);
}

/** A fresh copy of the named scenario; throws for an unknown name. */
export function buildScenario(name: string = DEFAULT_SCENARIO_NAME): Scenario {
  const build = Object.hasOwn(SCENARIO_BUILDERS, name) ? SCENARIO_BUILDERS[name] : undefined;
  if (!build) throw new Error(`unknown scenario "${name}" (known: ${scenarioNames().join(', ')})`);
  return build();
}
