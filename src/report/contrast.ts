import { outcomeText, type ScenarioReport, type SummaryEntry } from './model.js';
import { plural } from '../model/plural.js';

/** One variant's side of a family's contrast: what happened, in one phrase. */
export interface ContrastCell {
  readonly name: string;
  readonly variant: string;
  readonly expect: SummaryEntry['expect'];
  readonly ok: boolean;
  readonly outcome: string;
  /** "caught at run 3 with a 4-step trace", "clean after 300 runs". */
  readonly phrase: string;
}

/** A family's variants side by side: the racy ones caught, the correct ones clean. */
export interface FamilyContrast {
  readonly family: string;
  readonly cells: readonly ContrastCell[];
}

/** The phrase for one scenario's outcome; the strategy that found a failure when the report is at hand. */
export function contrastPhrase(entry: SummaryEntry, strategy: string, report?: ScenarioReport): string {
  if (entry.failed) {
    const by = report?.failure ? ` (${report.failure.foundBy})` : '';
    const trace = entry.traceSteps ? ` with a ${entry.traceSteps}-step trace` : '';
    return `${outcomeText(entry.expect, true, entry.kind)} at run ${entry.firstFailure ?? '?'}${by}${trace}`;
  }
  const exhausted = report?.exhausted ? ', every schedule in the bound explored' : '';
  return `${entry.expect === 'pass' ? 'clean' : 'missed'} after ${entry.runs.toLocaleString('en')} ${plural(entry.runs, 'run')} (${strategy}${exhausted})`;
}

/** Groups a run's scenarios by family, in the order they ran. */
export function familyContrasts(entries: readonly SummaryEntry[], strategy: string, reports: readonly ScenarioReport[] = []): FamilyContrast[] {
  const byName = new Map(reports.map((r) => [r.name, r]));
  const families = new Map<string, ContrastCell[]>();
  for (const e of entries) {
    const cells = families.get(e.family) ?? [];
    families.set(e.family, cells);
    cells.push({ name: e.name, variant: e.variant, expect: e.expect, ok: e.ok, outcome: outcomeText(e.expect, e.failed, e.kind), phrase: contrastPhrase(e, byName.get(e.name)?.strategy ?? strategy, byName.get(e.name)) });
  }
  return [...families].map(([family, cells]) => ({ family, cells }));
}
