/**
 * Tasks and DWAs parts: an occupation's tasks in response order with their importance, and its
 * DWAs each with the first task that links it. Rules: docs/catalog.md.
 */
import { str, type Snapshot } from '../../../snapshot/schema.js';
import { taskComparator, taskImportance } from '../../dwa-order.js';
import { groupRows, type Groups } from '../../groups.js';
import { requireTable } from '../../occupations.js';
import type { EngineIndexes } from '../../routes.js';
import { importanceScore } from '../../soft-skills.js';
import { memoised } from '../common.js';
import { byOccupation, orderedRows, rowsOf } from './rows.js';

/** Task rows of an occupation in response order, with their importance (hundredths, −1 unrated). */
interface TaskIndex {
  readonly importance: Int32Array;
  readonly dwasOfTask: Groups;
  /**
   * Each task's `TaskId` text, converted on first use and kept (sparse: only the tasks answered so
   * far). `String(n)` for every task and DWA of an answer was a fifth of those sections' time.
   */
  readonly idText: (string | undefined)[];
}

/** The `TaskId` of task row `t`. */
function taskIdText(tasks: NonNullable<Snapshot['tables']['tasks']>, index: TaskIndex, t: number): string {
  return (index.idText[t] ??= String(tasks.columns.taskId[t]!));
}

function taskIndex(ix: EngineIndexes): TaskIndex {
  return memoised(ix.snapshot, 'taskIndex', () => {
    const tasks = requireTable(ix.snapshot, 'tasks');
    const links = requireTable(ix.snapshot, 'taskDwas');
    const importance = taskImportance(ix.snapshot) ?? new Int32Array(tasks.rows).fill(-1);
    return { importance, dwasOfTask: groupRows(links.columns.task, tasks.rows), idText: new Array<string | undefined>(tasks.rows) };
  });
}

/** Tasks of every occupation in the task order of ../../dwa-order.ts (the order the DWA order walks). */
function taskOrder(ix: EngineIndexes): Groups {
  return memoised(ix.snapshot, 'taskOrder', () => {
    const tasks = requireTable(ix.snapshot, 'tasks');
    const { importance } = taskIndex(ix);
    return orderedRows(ix, byOccupation(ix, 'tasks')!, undefined, taskComparator({ type: tasks.columns.type, importance }));
  });
}

function taskValue(importance: Int32Array, task: number): number | null {
  const v = importance[task]!;
  return v < 0 ? null : importanceScore(v);
}

export function taskList(ix: EngineIndexes, occ: number) {
  const tasks = requireTable(ix.snapshot, 'tasks');
  const index = taskIndex(ix);
  const order = taskOrder(ix);
  const out = [];
  for (let i = order.start[occ]!, end = order.start[occ + 1]!; i < end; i++) {
    const t = order.rows[i]!;
    out.push({ TaskDescription: str(tasks.columns.text, t), TaskId: taskIdText(tasks, index, t), DataValue: taskValue(index.importance, t) });
  }
  return out;
}

/** DWAs in the engine's stable per-occupation order, each with the first task (in task order) that links it. */
export function dwaList(ix: EngineIndexes, occ: number) {
  const tasks = requireTable(ix.snapshot, 'tasks');
  const { byOccupation: links, linkDwa, titles, ids } = ix.activities;
  const firstTask = firstTaskOfLinks(ix);
  const index = taskIndex(ix);
  const out = [];
  for (let i = links.start[occ]!, end = links.start[occ + 1]!; i < end; i++) {
    const d = linkDwa[links.rows[i]!]!;
    const t = firstTask[links.rows[i]!]!;
    out.push({
      DWATitle: titles[d]!,
      DWAId: ids[d]!,
      DataValue: t < 0 ? null : taskValue(index.importance, t),
      TaskId: t < 0 ? null : taskIdText(tasks, index, t),
    });
  }
  return out;
}

/**
 * For every occupation → DWA link (ActivityIndex link), the first task in task order that links
 * the DWA, or −1: computed for all occupations on first use instead of per request.
 */
function firstTaskOfLinks(ix: EngineIndexes): Int32Array {
  return memoised(ix.snapshot, 'firstTaskOfLinks', () => {
    const links = requireTable(ix.snapshot, 'taskDwas');
    const { dwasOfTask } = taskIndex(ix);
    const { byOccupation, linkDwa } = ix.activities;
    const out = new Int32Array(linkDwa.length).fill(-1);
    const first = new Int32Array(ix.activities.ids.length).fill(-1);
    const touched: number[] = [];
    const order = taskOrder(ix);
    for (let occ = 0; occ < ix.occupations.count; occ++) {
      for (const t of rowsOf(order, occ)) {
        for (let i = dwasOfTask.start[t]!; i < dwasOfTask.start[t + 1]!; i++) {
          const dwa = links.columns.dwa[dwasOfTask.rows[i]!]!;
          if (first[dwa]! < 0) {
            first[dwa] = t;
            touched.push(dwa);
          }
        }
      }
      for (let i = byOccupation.start[occ]!; i < byOccupation.start[occ + 1]!; i++) out[byOccupation.rows[i]!] = first[linkDwa[byOccupation.rows[i]!]!]!;
      for (const dwa of touched) first[dwa] = -1;
      touched.length = 0;
    }
    return out;
  });
}
