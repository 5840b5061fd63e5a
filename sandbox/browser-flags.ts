// How a browser is pointed at the stand-in: the real Zoho host names resolve to 127.0.0.1.
import { standInHosts } from './hosts';

/** The value of Chromium's --host-resolver-rules: every Zoho host to 127.0.0.1:<port>. */
export function hostResolverRules(port: number, hosts: readonly string[] = standInHosts()): string {
  return hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
}

/** Chromium command-line flags for the stand-in on `port`. */
export function chromiumFlags(port: number): string[] {
  return [`--host-resolver-rules=${hostResolverRules(port)}`, '--ignore-certificate-errors'];
}

/**
 * Firefox preferences: every host name resolves to 127.0.0.1. Firefox cannot map ports, so the
 * stand-in must then listen on 443; certificates need `acceptInsecureCerts`.
 */
export function firefoxPrefs(): Record<string, string> {
  return { 'network.dns.forceResolve': '127.0.0.1' };
}
