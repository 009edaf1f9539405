/**
 * The task order and the per-occupation DWA order: the one definition of both rules
 * (docs/ranking.md, "Step 2 — activities of an occupation"). Pure functions over plain arrays, so
 * the engine derives the order from a snapshot's tasks and task → DWA links and no other code
 * (builder, baselines) has to agree with it by copy.
 */
import type { Snapshot } from '../snapshot/schema.js';
import { groupRows } from './groups.js';
import { requireTable } from './occupations.js';

/** What the task order reads, per task row. */
export interface TaskFacts {
  /** Task type per task row: 1 Core, 2 Supplemental, anything else unclassified. */
  readonly type: ArrayLike<number>;
  /** IM importance per task row in hundredths, −1 when unrated; undefined when the snapshot has no Task Ratings. */
  readonly importance?: ArrayLike<number>;
}

/** Rank of a task type in the order: Core, Supplemental, unclassified. */
function typeRank(type: number): number {
  return type === 1 ? 0 : type === 2 ? 1 : 2;
}

/**
 * Compares two task rows of one occupation: importance desc (rated before unrated), then Core
 * before Supplemental before unclassified, then task row (O*NET's Task Statements order).
 */
export function taskComparator(facts: TaskFacts): (a: number, b: number) => number {
  const { type, importance } = facts;
  return (a, b) => (importance ? importance[b]! - importance[a]! : 0) || typeRank(type[a]!) - typeRank(type[b]!) || a - b;
}

/** Inputs of {@link occupationDwaOrder}: the tasks, their links to DWAs and the DWA titles and ids. */
export interface DwaOrderInput extends TaskFacts {
  /** Number of occupations (bound of `taskOccupation`). */
  readonly occupationCount: number;
  /** Occupation row of each task row. */
  readonly taskOccupation: ArrayLike<number>;
  /** Task row of each task → DWA link. */
  readonly linkTask: ArrayLike<number>;
  /** DWA row of each task → DWA link. */
  readonly linkDwa: ArrayLike<number>;
  /** DWA titles and ids by DWA row (the tie-break of several DWAs of one task). */
  readonly dwaTitles: readonly string[];
  readonly dwaIds: readonly string[];
}

/** Each occupation's distinct DWAs in order, as parallel link arrays grouped by occupation. */
export interface DwaOrder {
  /** Occupation row of each link (ascending). */
  readonly occupation: Uint16Array;
  /** DWA row of each link. */
  readonly dwa: Uint16Array;
}

/** Compares strings by UTF-16 code units: no locale, the same everywhere. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The per-occupation DWA order: walk the occupation's tasks in {@link taskComparator} order; each
 * task contributes the DWAs it links that the occupation has not listed yet, several of one task
 * in DWA title order (ties by DWA id), both compared by UTF-16 code units.
 */
export function occupationDwaOrder(input: DwaOrderInput): DwaOrder {
  const taskCount = input.taskOccupation.length;
  const byTitle = (x: number, y: number) => compareCodeUnits(input.dwaTitles[x]!, input.dwaTitles[y]!) || compareCodeUnits(input.dwaIds[x]!, input.dwaIds[y]!);
  const linksOfTask = groupRows(input.linkTask, taskCount);
  const tasksOfOccupation = groupRows(input.taskOccupation, input.occupationCount);
  const compareTasks = taskComparator(input);
  const occupation: number[] = [];
  const dwa: number[] = [];
  const seen = new Int32Array(input.dwaTitles.length).fill(-1);
  for (let o = 0; o < input.occupationCount; o++) {
    const tasks = Array.from(tasksOfOccupation.rows.subarray(tasksOfOccupation.start[o]!, tasksOfOccupation.start[o + 1]!)).sort(compareTasks);
    for (const t of tasks) {
      const linked: number[] = [];
      for (let i = linksOfTask.start[t]!; i < linksOfTask.start[t + 1]!; i++) linked.push(input.linkDwa[linksOfTask.rows[i]!]!);
      for (const d of linked.sort(byTitle)) {
        if (seen[d] === o) continue;
        seen[d] = o;
        occupation.push(o);
        dwa.push(d);
      }
    }
  }
  return { occupation: Uint16Array.from(occupation), dwa: Uint16Array.from(dwa) };
}

/** Task Ratings importance per task row (hundredths, −1 unrated), or undefined without the table. */
export function taskImportance(snapshot: Snapshot): Int32Array | undefined {
  const ratings = snapshot.tables.taskRatings;
  if (!ratings) return undefined;
  const importance = new Int32Array(requireTable(snapshot, 'tasks').rows).fill(-1);
  for (let i = 0; i < ratings.rows; i++) importance[ratings.columns.task[i]!] = ratings.columns.value[i]!;
  return importance;
}
