/**
 * Task Statements, Tasks to DWAs, Task Ratings and the derived per-occupation DWA order.
 * Same files in both layouts; Tasks to DWAs names its DWA column `DWA ID` (classic) or
 * `DWA Element ID` (modern, new-format IDs).
 */
import { columns } from '../columns.js';
import { CODE, compareStrings, type BuildContext } from '../context.js';
import { COMMON_FILES } from '../layout.js';
import type { ActivityIndex } from './activities.js';

const TASK_TYPES: Record<string, number> = { Core: 1, Supplemental: 2, 'n/a': 0, '': 0 };
const DWA_COLUMN = { classic: 'DWA ID', modern: 'DWA Element ID' } as const;

export function buildTasks(b: BuildContext, activities: ActivityIndex): void {
  // Task Statements, grouped by occupation, source order within.
  const t = b.read(COMMON_FILES.tasks);
  const c = columns(t, [CODE, 'Task ID', 'Task', 'Task Type']);
  const rows = b.groupByOcc([{ t, occCol: c[CODE] }]);
  const taskOcc = rows.map((r) => r.occ);
  const taskIds = rows.map(({ row }) => b.uint(t, row, c['Task ID'], 0xffffffff));
  const taskRow = new Map<number, number>();
  taskIds.forEach((id, i) => {
    if (taskRow.has(id)) throw t.error(rows[i]!.row, c['Task ID'], `task ${id} is listed twice`);
    taskRow.set(id, i);
  });
  const taskType = rows.map(({ row }) => {
    const text = t.rows[row]![c['Task Type']]!.trim();
    const type = TASK_TYPES[text];
    if (type === undefined) throw t.error(row, c['Task Type'], `unknown task type "${text}" (expected Core, Supplemental or n/a)`);
    return type;
  });
  b.set('tasks', rows.length, { occ: taskOcc, taskId: taskIds, text: rows.map(({ row }) => b.text(t, row, c.Task)), type: taskType });

  /** The task row of the Task ID in `idCol`, checked against the occupation in `occCol`. */
  const taskOf = (s: typeof t, row: number, occCol: number, idCol: number) => {
    const occ = b.occ(s, row, occCol);
    const id = b.uint(s, row, idCol, 0xffffffff);
    const task = taskRow.get(id);
    if (task === undefined) throw s.error(row, idCol, `task ${id} is not in ${t.file}`);
    if (taskOcc[task] !== occ) throw s.error(row, occCol, `task ${id} belongs to another occupation in ${t.file}`);
    return task;
  };

  // Tasks to DWAs, sorted by task row, source order within.
  const d = b.read(COMMON_FILES.taskDwas);
  const dwaColumn = DWA_COLUMN[b.layout];
  const other = DWA_COLUMN[b.layout === 'classic' ? 'modern' : 'classic'];
  const dc = columns(
    d,
    [CODE, 'Task ID', dwaColumn],
    [],
    d.column(other) >= 0 ? `"${other}" is the ${b.layout === 'classic' ? 'modern' : 'classic'} layout's column, but the other files are ${b.layout}` : undefined,
  );
  const linkTask: number[] = [];
  const linkDwa: number[] = [];
  const seenLink = new Set<string>();
  d.rows.forEach((r, row) => {
    const task = taskOf(d, row, dc[CODE], dc['Task ID']);
    const dwaId = r[dc[dwaColumn]]!.trim();
    const dwa = activities.dwaIndex.get(dwaId);
    if (dwa === undefined) throw d.error(row, dc[dwaColumn], `DWA ${dwaId} is not in ${activities.dwaFile}`);
    const key = `${task}:${dwa}`;
    if (seenLink.has(key)) {
      b.warnings.push(`${d.file}:${d.lines[row]}: duplicate link task ${taskIds[task]} → ${dwaId} skipped`);
      return;
    }
    seenLink.add(key);
    linkTask.push(task);
    linkDwa.push(dwa);
  });
  const linkOrder = linkTask.map((_, i) => i).sort((x, y) => linkTask[x]! - linkTask[y]! || x - y);
  b.set('taskDwas', linkOrder.length, { task: linkOrder.map((i) => linkTask[i]!), dwa: linkOrder.map((i) => linkDwa[i]!) });

  // Task Ratings (optional): every scale in taskRatingScales, the IM rows also in taskRatings.
  let importance: Int32Array | undefined;
  const r = b.read(COMMON_FILES.taskRatings, true);
  // taskRatingScales comes from the same file: `missing` names the file's table once, as taskRatings.
  if (!r) b.missing.push('taskRatings');
  else {
    const rc = columns(r, [CODE, 'Task ID', 'Scale ID', 'Data Value'], ['Category', 'Recommend Suppress']);
    importance = new Int32Array(rows.length).fill(-1);
    const all: { task: number; scale: string; category: number; value: number; flags: number }[] = [];
    r.rows.forEach((_, row) => {
      const task = taskOf(r, row, rc[CODE], rc['Task ID']);
      const scale = b.scale(r, row, rc['Scale ID']);
      const value = b.scaled(r, row, rc['Scale ID'], rc['Data Value']);
      const category = rc.Category >= 0 ? b.category(r, row, rc.Category) : 0;
      if (scale === 'IM') {
        if (importance![task]! >= 0) throw r.error(row, rc['Task ID'], `task ${taskIds[task]} has a second IM rating`);
        importance![task] = value;
      }
      all.push({ task, scale, category, value, flags: b.flags(r, row, rc['Recommend Suppress'], -1) });
    });
    const rated: number[] = [];
    importance.forEach((v, task) => v >= 0 && rated.push(task));
    b.set('taskRatings', rated.length, { task: rated, value: rated.map((task) => importance![task]!) });
    const order = all.map((_, i) => i).sort((x, y) => all[x]!.task - all[y]!.task || x - y);
    b.set('taskRatingScales', order.length, {
      task: order.map((i) => all[i]!.task),
      scale: order.map((i) => all[i]!.scale),
      category: order.map((i) => all[i]!.category),
      value: order.map((i) => all[i]!.value),
      flags: order.map((i) => all[i]!.flags),
    });
  }

  // occupationDwas: see docs/snapshot-format.md, "Per-occupation DWA order".
  const dwasOfTask: number[][] = Array.from({ length: rows.length }, () => []);
  for (const i of linkOrder) dwasOfTask[linkTask[i]!]!.push(linkDwa[i]!);
  const byTitle = (x: number, y: number) => compareStrings(activities.dwaTitles[x]!, activities.dwaTitles[y]!) || compareStrings(activities.dwaIds[x]!, activities.dwaIds[y]!);
  for (const list of dwasOfTask) list.sort(byTitle);
  const typeRank = (task: number) => (taskType[task] === 1 ? 0 : taskType[task] === 2 ? 1 : 2);
  const occOut: number[] = [];
  const dwaOut: number[] = [];
  let start = 0;
  while (start < rows.length) {
    const occ = taskOcc[start]!;
    let end = start;
    while (end < rows.length && taskOcc[end] === occ) end++;
    const tasks: number[] = [];
    for (let i = start; i < end; i++) tasks.push(i);
    tasks.sort((x, y) => (importance ? importance[y]! - importance[x]! : 0) || typeRank(x) - typeRank(y) || x - y);
    const seen = new Set<number>();
    for (const task of tasks) {
      for (const dwa of dwasOfTask[task]!) {
        if (seen.has(dwa)) continue;
        seen.add(dwa);
        occOut.push(occ);
        dwaOut.push(dwa);
      }
    }
    start = end;
  }
  b.set('occupationDwas', occOut.length, { occ: occOut, dwa: dwaOut });
}
