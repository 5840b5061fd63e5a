import { describe, expect, it } from 'vitest';
import type { BulkTerritory } from '../bulk-protocol';
import { filterTerritoryTree, territoryTree } from './territory-tree';

const territories: BulkTerritory[] = [
  { id: '3', name: 'Texas', parentId: '2' },
  { id: '1', name: 'World', parentId: null },
  { id: '2', name: 'Americas', parentId: '1' },
  { id: '4', name: 'Zürich', parentId: '5' },
  { id: '5', name: 'Europe', parentId: '1' },
  { id: '6', name: 'Orphan', parentId: '999' },
];

function rows(nodes: ReturnType<typeof territoryTree>): string[] {
  return nodes.map((node) => `${'  '.repeat(node.depth)}${node.territory.name}`);
}

describe('territoryTree', () => {
  it('orders depth first, siblings by name, unknown parents at the top', () => {
    const tree = territoryTree(territories);
    expect(rows(tree)).toEqual(['Orphan', 'World', '  Americas', '    Texas', '  Europe', '    Zürich']);
    expect(tree.find((node) => node.territory.id === '3')?.ancestors).toEqual(['World', 'Americas']);
  });

  it('survives a loop in reporting_to', () => {
    const loop: BulkTerritory[] = [
      { id: '1', name: 'A', parentId: '2' },
      { id: '2', name: 'B', parentId: '1' },
    ];
    expect(rows(territoryTree(loop))).toEqual(['A', '  B']);
  });
});

describe('filterTerritoryTree', () => {
  const tree = territoryTree(territories);

  it('keeps matches and their ancestors, ignoring case and accents', () => {
    expect(rows(filterTerritoryTree(tree, 'zur'))).toEqual(['World', '  Europe', '    Zürich']);
    expect(rows(filterTerritoryTree(tree, 'TEX'))).toEqual(['World', '  Americas', '    Texas']);
  });

  it('keeps everything for an empty query and nothing for no match', () => {
    expect(filterTerritoryTree(tree, '  ')).toHaveLength(6);
    expect(filterTerritoryTree(tree, 'mars')).toEqual([]);
  });
});
