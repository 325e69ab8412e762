import { parse, type ParserPlugin } from '@babel/parser';
import { RacekitError } from '../errors.js';

/** Babel's syntax tree of a file. */
export type SourceTree = ReturnType<typeof parse>;

/** How a file is loaded: an ES module, or CommonJS (a function body: `return` allowed, `await` an identifier in sloppy code). */
export type ModuleFormat = 'module' | 'commonjs';

/** A file selected for instrumenting that the parser cannot read; it loads untransformed. */
export class InstrumentParseError extends RacekitError {
  constructor(file: string, message: string) {
    super('RACEKIT_INSTRUMENT_PARSE', `cannot instrument ${file}: ${message}`);
  }
}

const BASE: ParserPlugin[] = ['explicitResourceManagement', 'deprecatedImportAssert'];

/** Plugin sets to try in order: TC39 decorators first, TypeScript's legacy (parameter) decorators second. */
function pluginSets(file: string): ParserPlugin[][] {
  const ext = /\.[cm]?[jt]sx?$/.exec(file.replace(/[?#].*$/, ''))?.[0] ?? '.js';
  const ts = ext.includes('t');
  const jsx = ext.endsWith('x');
  const lang: ParserPlugin[] = [...BASE, ...(ts ? (['typescript'] as const) : []), ...(jsx ? (['jsx'] as const) : [])];
  return [
    [...lang, 'decorators', 'decoratorAutoAccessors'],
    [...lang, 'decorators-legacy', 'decoratorAutoAccessors'],
  ];
}

/**
 * Parses a file with Babel's parser: TypeScript by extension, JSX for `.jsx`
 * and `.tsx`. The given format is tried first, then the other (a `.ts` file
 * tsx runs as CommonJS still uses `import`); throws {@link InstrumentParseError}
 * when nothing parses.
 */
export function parseSource(code: string, file: string, format: ModuleFormat | undefined): SourceTree {
  const formats: ModuleFormat[] = format === 'commonjs' ? ['commonjs', 'module'] : ['module', 'commonjs'];
  let first: unknown;
  for (const plugins of pluginSets(file)) {
    for (const sourceType of formats) {
      try {
        return parse(code, { sourceType, plugins, attachComment: false, errorRecovery: false });
      } catch (error) {
        first ??= error;
      }
    }
    if (!code.includes('@')) break;
  }
  throw new InstrumentParseError(file, first instanceof Error ? first.message : String(first));
}
