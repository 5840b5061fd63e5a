// The string check's parser (utils/i18n/strings.test.ts): finds words a user can see or hear
// written as literals in TS/TSX source. Test tooling only, never bundled.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@babel/parser';

/** JSX attributes a user hears or sees. */
const SPOKEN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'caption',
]);

/** Calls whose string arguments are for developers (logs, exceptions), never shown as our words. */
const DEVELOPER_CALLS = /^(console\.\w+|Error|TypeError|RangeError|describe|it|test)$/;

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: 'JSX text' | 'accessible name or hint' | 'sentence or label';
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'testing' ? [] : sourceFiles(path);
    if (!/\.tsx?$/.test(entry) || /\.test\.tsx?$|\.d\.ts$/.test(entry) || entry === 'test-i18n.tsx') return [];
    return [path];
  });
}

/** Reads as words for a person: a capitalised word followed by more, not a code, path or selector. */
function readsAsWords(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}{2}/u.test(trimmed)) return false;
  if (/[/=<>{}[\]#@\\|$^*]|^[-.:]|https?:|\w\.\w+\(|--/.test(trimmed)) return false;
  // "Removing…": one word still under way is a label too.
  if (/^\p{Lu}\p{Ll}+…$/u.test(trimmed)) return true;
  return /^\p{Lu}\p{Ll}*[\s’']/u.test(trimmed) && /\p{L}+\s+\p{L}{2}/u.test(trimmed);
}

type Node = { type: string; loc?: { start: { line: number } } | null; [key: string]: unknown };

function calleeName(node: Node): string {
  const callee = node.callee as Node | undefined;
  if (!callee) return '';
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression') {
    const object = callee.object as Node;
    const property = callee.property as Node;
    return `${object.type === 'Identifier' ? (object.name as string) : '?'}.${property.name as string}`;
  }
  return '';
}

export function findUntranslated(source: string, file: string): Finding[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] });
  const findings: Finding[] = [];
  const report = (node: Node, text: string, why: Finding['why']) => {
    findings.push({ file, line: node.loc?.start.line ?? 0, text: text.replace(/\s+/g, ' ').trim(), why });
  };

  const visit = (node: Node, parents: Node[]) => {
    const parent = parents.at(-1);
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'TSLiteralType':
      case 'TSTypeAnnotation':
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
        return;
      case 'CallExpression':
      case 'NewExpression':
        if (DEVELOPER_CALLS.test(calleeName(node))) return;
        break;
      case 'JSXText': {
        const text = node.value as string;
        if (/\p{L}{2}/u.test(text)) report(node, text, 'JSX text');
        return;
      }
      case 'JSXAttribute': {
        const name = (node.name as Node).name as string;
        const value = node.value as Node | null;
        const literal =
          value?.type === 'StringLiteral'
            ? (value.value as string)
            : value?.type === 'JSXExpressionContainer'
              ? literalText(value.expression as Node)
              : null;
        if (SPOKEN_ATTRIBUTES.has(name) && literal !== null && /\p{L}{2}/u.test(literal)) {
          report(node, literal, 'accessible name or hint');
          return;
        }
        if (name === 'class' || name.startsWith('data-') || name === 'id' || name === 'type') return;
        break;
      }
      case 'StringLiteral':
      case 'TemplateLiteral': {
        // An object's key is a name, not words.
        if (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed) return;
        // ErrorInfo's `message` is a technical detail, shown after "Details:" as Zoho's own are.
        if (parent?.type === 'ObjectProperty' && ((parent.key as Node).name as string) === 'message') return;
        const text = literalText(node);
        if (text !== null && readsAsWords(text)) report(node, text, 'sentence or label');
        return;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      const children = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (item && typeof item === 'object' && typeof (item as Node).type === 'string') {
          visit(item as Node, [...parents, node]);
        }
      }
    }
  };
  visit(ast.program as unknown as Node, []);
  return findings;
}

/** A string literal's text, or a template literal's text parts joined; null for anything else. */
function literalText(node: Node): string | null {
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral') {
    return (node.quasis as Node[]).map((quasi) => (quasi.value as { cooked: string }).cooked).join(' … ');
  }
  return null;
}
