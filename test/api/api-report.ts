import { relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The public surface of one entry point, as its built declarations give it. */
export interface ApiReport {
  /** The report: every export's declaration, without comments, sorted by name; then the module augmentations. */
  readonly text: string;
  /** Exports whose declaration has no TSDoc comment. */
  readonly undocumented: string[];
  /** Types of this package that an export's signature uses but the entry does not export. */
  readonly forgotten: string[];
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function strip(text: string): string {
  return text.replace(/^export (declare )?/, '').replace(/^declare /, '');
}

/** A declaration as a line or block of the report. */
function declarationText(decl: ts.Declaration): string {
  const file = decl.getSourceFile();
  if (ts.isVariableDeclaration(decl)) {
    const list = decl.parent;
    const keyword = list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : 'var';
    return `${keyword} ${printer.printNode(ts.EmitHint.Unspecified, decl, file)};`;
  }
  return strip(printer.printNode(ts.EmitHint.Unspecified, decl, file));
}

function hasDoc(decl: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(decl).some((d) => ts.isJSDoc(d) && (typeof d.comment === 'string' ? d.comment.trim() !== '' : (d.comment?.length ?? 0) > 0 || (d.tags?.length ?? 0) > 0));
}

/**
 * Builds the API report of each declaration entry (`dist/src/index.d.ts`, …):
 * what api-extractor's report gives, for several entries of one package and
 * with the `declare module 'vitest'` augmentations it leaves out. A type is
 * forgotten when no entry exports it.
 */
export function apiReports(entries: readonly string[], packageDist: string): ApiReport[] {
  const program = ts.createProgram([...entries], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023, strict: true, skipLibCheck: true, noEmit: true, types: ['node'] });
  const checker = program.getTypeChecker();
  const ours = (file: ts.SourceFile) => resolve(file.fileName).startsWith(resolve(packageDist) + sep);
  const resolved = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const exportsOf = entries.map((entry) => {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${entry} is not a module`);
    return { source: source, exports: checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name)) };
  });
  const exported = new Set(exportsOf.flatMap((e) => e.exports.map(resolved)));
  return exportsOf.map(({ source, exports }) => {
    const blocks: string[] = [];
    const undocumented: string[] = [];
    const forgotten = new Set<string>();
    const used: ts.Node[] = [];
    for (const symbol of exports) {
      const target = resolved(symbol);
      const decls = target.declarations ?? [];
      const renamed = target.name !== symbol.name ? `// exported as ${symbol.name}\n` : '';
      blocks.push(`${renamed}${decls.map(declarationText).join('\n')}`);
      if (!decls.some(hasDoc)) undocumented.push(symbol.name);
      used.push(...decls);
    }
    // The augmentations an entry brings: `declare module '…'` in the files it reaches.
    const augmentations: string[] = [];
    const reached = new Set<string>();
    const reach = (file: ts.SourceFile) => {
      if (reached.has(file.fileName) || !ours(file)) return;
      reached.add(file.fileName);
      for (const statement of file.statements) {
        if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) {
          augmentations.push(`// ${relative(packageDist, file.fileName)}\n${printer.printNode(ts.EmitHint.Unspecified, statement, file)}`);
          used.push(statement);
        }
        if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
          const target = ts.resolveModuleName(statement.moduleSpecifier.text, file.fileName, program.getCompilerOptions(), ts.sys).resolvedModule;
          const next = target && program.getSourceFile(target.resolvedFileName);
          if (next) reach(next);
        }
      }
    };
    reach(source);
    // Every type an export's declaration names must be exported by some entry, or users cannot name it.
    const visit = (node: ts.Node) => {
      const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isExpressionWithTypeArguments(node) ? node.expression : ts.isTypeQueryNode(node) ? node.exprName : undefined;
      if (name) {
        const symbol = checker.getSymbolAtLocation(name);
        const target = symbol && resolved(symbol);
        const decl = target?.declarations?.[0];
        if (target && decl && !(target.flags & ts.SymbolFlags.TypeParameter) && ours(decl.getSourceFile()) && !exported.has(target)) forgotten.add(`${target.name} (${relative(packageDist, decl.getSourceFile().fileName)})`);
      }
      ts.forEachChild(node, visit);
    };
    used.forEach(visit);
    const text = ['```ts', blocks.join('\n\n'), '```', ...(augmentations.length > 0 ? ['', '## Augmentations', '', '```ts', augmentations.join('\n\n'), '```'] : [])].join('\n');
    return { text, undocumented, forgotten: [...forgotten].sort() };
  });
}
