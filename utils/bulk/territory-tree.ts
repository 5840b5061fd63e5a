// Territory definitions as the hierarchy `reporting_to` makes of them (zoho-crm.md §3). Pure.
import type { BulkTerritory } from '../bulk-protocol';

export interface TerritoryNode {
  territory: BulkTerritory;
  depth: number;
  /** names from the top down to the parent */
  ancestors: string[];
}

/**
 * Depth first, siblings by name. A territory whose parent is unknown is shown at the top; a loop
 * in `reporting_to` (which Zoho should never send) is cut where it closes.
 */
export function territoryTree(territories: readonly BulkTerritory[]): TerritoryNode[] {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const children = new Map<string | null, BulkTerritory[]>();
  for (const territory of territories) {
    const parent = territory.parentId !== null && byId.has(territory.parentId) ? territory.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), territory]);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.name.localeCompare(b.name));

  const nodes: TerritoryNode[] = [];
  const placed = new Set<string>();
  const visit = (territory: BulkTerritory, ancestors: string[]) => {
    if (placed.has(territory.id)) return;
    placed.add(territory.id);
    nodes.push({ territory, depth: ancestors.length, ancestors });
    for (const child of children.get(territory.id) ?? []) visit(child, [...ancestors, territory.name]);
  };
  for (const root of children.get(null) ?? []) visit(root, []);
  // Territories only reachable through a loop.
  for (const territory of territories) visit(territory, []);
  return nodes;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The nodes whose name holds the query (ignoring case and accents), with their ancestors for context. */
export function filterTerritoryTree(nodes: readonly TerritoryNode[], query: string): TerritoryNode[] {
  const needle = fold(query.trim());
  if (needle === '') return [...nodes];
  const keep = new Set<number>();
  nodes.forEach((node, index) => {
    if (!fold(node.territory.name).includes(needle)) return;
    keep.add(index);
    // ancestors come before a node, each at a smaller depth
    let depth = node.depth;
    for (let i = index - 1; i >= 0 && depth > 0; i--) {
      const earlier = nodes[i];
      if (earlier && earlier.depth < depth) {
        keep.add(i);
        depth = earlier.depth;
      }
    }
  });
  return nodes.filter((_, index) => keep.has(index));
}
