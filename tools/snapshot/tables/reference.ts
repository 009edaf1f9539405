/** Content Model Reference, Scales Reference and Level Scale Anchors (same in both layouts). */
import { columns } from '../columns.js';
import type { BuildContext } from '../context.js';
import { COMMON_FILES } from '../layout.js';

export function buildElements(b: BuildContext): void {
  const t = b.read(COMMON_FILES.elements);
  const c = columns(t, ['Element ID', 'Element Name', 'Description']);
  const ids: string[] = [];
  t.rows.forEach((_, row) => {
    const id = b.elementId(t, row, c['Element ID']);
    if (b.elementIndex.has(id)) throw t.error(row, c['Element ID'], `element ${id} is listed twice`);
    b.elementIndex.set(id, row);
    ids.push(id);
  });
  b.set('elements', t.rows.length, {
    id: ids,
    name: t.rows.map((_, row) => b.text(t, row, c['Element Name'])),
    description: t.rows.map((r) => r[c.Description]!.trim()),
  });
}

/**
 * Scales Reference: each scale's name and minimum…maximum (signed: Work Styles WI is −3…+3).
 * Not a snapshot table; every rating value is checked against it.
 */
export function readScales(b: BuildContext): void {
  const t = b.read(COMMON_FILES.scales);
  const c = columns(t, ['Scale ID', 'Scale Name', 'Minimum', 'Maximum']);
  t.rows.forEach((_, row) => {
    const id = b.text(t, row, c['Scale ID']);
    if (b.scales.has(id)) throw t.error(row, c['Scale ID'], `scale ${id} is listed twice`);
    const min = b.hundredths(t, row, c.Minimum, true);
    const max = b.hundredths(t, row, c.Maximum, true);
    if (max < min) throw t.error(row, c.Maximum, `maximum ${max / 100} is below minimum ${min / 100}`);
    b.scales.set(id, { name: t.rows[row]![c['Scale Name']]!.trim(), min, max });
  });
}

export function buildLevelAnchors(b: BuildContext): void {
  const t = b.read(COMMON_FILES.levelAnchors);
  const c = columns(t, ['Element ID', 'Scale ID', 'Anchor Value', 'Anchor Description']);
  b.set('levelAnchors', t.rows.length, {
    element: t.rows.map((_, row) => b.element(t, row, c['Element ID'])),
    scale: t.rows.map((_, row) => b.scale(t, row, c['Scale ID'])),
    anchor: t.rows.map((_, row) => b.scaled(t, row, c['Scale ID'], c['Anchor Value'], true)),
    description: t.rows.map((r) => r[c['Anchor Description']]!.trim()),
  });
}
