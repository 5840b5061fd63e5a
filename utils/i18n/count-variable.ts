/**
 * Lingui writes a plural's `#` through `Intl.NumberFormat`, whose first use loads ICU data: tens of
 * milliseconds on Zoho's page for a count of 3. The build compiles each `#` to this variable instead
 * (scripts/compiled-catalogues.ts), which the translator fills as it writes numbers (translator.ts).
 */
export function countVariable(name: string): string {
  return `${name}#`;
}
