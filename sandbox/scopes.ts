// OAuth scopes as Zoho spells them (zoho-crm.md §1–3): which scope names the accounts server
// accepts, and which granted scopes cover an API call. Names compare case-insensitively.
import type { CrmModule } from './scenarios/types';

const OPERATIONS = '(all|read|create|update|delete|write)';
const MODULE_SCOPE_NAMES = '(leads|accounts|contacts|deals|cases|custom|tasks|events|calls|notes|products|vendors)';

const KNOWN_SCOPE_PATTERNS: readonly RegExp[] = [
  new RegExp(`^zohocrm\\.modules\\.${OPERATIONS}$`),
  new RegExp(`^zohocrm\\.modules\\.${MODULE_SCOPE_NAMES}\\.${OPERATIONS}$`),
  /^zohocrm\.settings\.(all|read)$/,
  /^zohocrm\.settings\.(territories|modules|fields|layouts|profiles|roles|custom_views)\.(all|read|create|update|delete)$/,
  /^zohocrm\.org\.(all|read)$/,
  /^zohocrm\.users\.(all|read)$/,
  /^zohocrm\.coql\.read$/,
  /^aaaserver\.profile\.read$/,
];

/** The scope parameter of an authorization request: comma-separated, blanks dropped. */
export function parseScopeParam(param: string | undefined): string[] {
  if (!param) return [];
  return param
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope.length > 0);
}

export function isKnownScope(scope: string): boolean {
  const name = scope.toLowerCase();
  return KNOWN_SCOPE_PATTERNS.some((pattern) => pattern.test(name));
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !isKnownScope(scope));
}

/** Every scope of `wanted` is among `granted` (case-insensitive). */
export function scopesCovered(wanted: readonly string[], granted: readonly string[]): boolean {
  const have = new Set(granted.map((scope) => scope.toLowerCase()));
  return wanted.every((scope) => have.has(scope.toLowerCase()));
}

/** The requested scopes that a limit lets through (named in it, case-insensitive); all when no limit. */
export function scopesAllowed(requested: readonly string[], limit: readonly string[] | null): string[] {
  if (limit === null) return [...requested];
  const allowed = new Set(limit.map((scope) => scope.toLowerCase()));
  return requested.filter((scope) => allowed.has(scope.toLowerCase()));
}

function moduleScopeName(module: CrmModule): string {
  return module === 'CustomModule1' ? 'custom' : module.toLowerCase();
}

export type ModuleOperation = 'READ' | 'UPDATE';

/** ZohoCRM.modules.ALL, ZohoCRM.modules.<op>, ZohoCRM.modules.<module>.ALL or .<op>. */
export function coversModule(scopes: readonly string[], module: CrmModule, operation: ModuleOperation): boolean {
  const have = new Set(scopes.map((scope) => scope.toLowerCase()));
  const op = operation.toLowerCase();
  const name = moduleScopeName(module);
  return (
    have.has('zohocrm.modules.all') ||
    have.has(`zohocrm.modules.${op}`) ||
    have.has(`zohocrm.modules.${name}.all`) ||
    have.has(`zohocrm.modules.${name}.${op}`)
  );
}

export type SettingsArea = 'territories' | 'modules' | 'fields';

/** ZohoCRM.settings.ALL, ZohoCRM.settings.<area>.ALL or ZohoCRM.settings.<area>.READ. */
export function coversSettingsRead(scopes: readonly string[], area: SettingsArea): boolean {
  const have = new Set(scopes.map((scope) => scope.toLowerCase()));
  return (
    have.has('zohocrm.settings.all') ||
    have.has(`zohocrm.settings.${area}.all`) ||
    have.has(`zohocrm.settings.${area}.read`)
  );
}

export function coversOrgRead(scopes: readonly string[]): boolean {
  const have = new Set(scopes.map((scope) => scope.toLowerCase()));
  return have.has('zohocrm.org.all') || have.has('zohocrm.org.read');
}

export function coversUsersRead(scopes: readonly string[]): boolean {
  const have = new Set(scopes.map((scope) => scope.toLowerCase()));
  return have.has('zohocrm.users.all') || have.has('zohocrm.users.read');
}
