/**
 * The components under a strict Content Security Policy: `style-src 'self'` (no 'unsafe-inline').
 * A `<meta http-equiv=Content-Security-Policy>` inserted into this test page's head is enforced
 * from then on (Vitest runs each test file in its own iframe, so no other file is affected). The
 * control shows inline `<style>` and `style=""` are blocked; the components, styled only through
 * a constructable stylesheet (adoptedStyleSheets), are fully styled and cause no violation.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openEngine, type OnetEngine } from '../../src/index.js';
import { OnetSoftSkillsElement, type OnetEventDetails } from '../../src/elements/index.js';
import { FIXTURE_MANIFEST } from '../support/paths.js';

let engine: OnetEngine;
beforeAll(async () => {
  engine = await openEngine({ snapshot: `/${FIXTURE_MANIFEST}`, dbName: `onet-match-test-${crypto.randomUUID()}` });
});
afterAll(() => engine.close());

function next<K extends keyof OnetEventDetails>(el: EventTarget, type: K): Promise<OnetEventDetails[K]> {
  return new Promise((resolve) => el.addEventListener(type, (e) => resolve((e as CustomEvent<OnetEventDetails[K]>).detail), { once: true }));
}

test("styles apply under style-src 'self' without 'unsafe-inline', with no CSP violation", async () => {
  const violations: SecurityPolicyViolationEvent[] = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e));
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "style-src 'self'";
  document.head.append(meta);

  // Control: inline styles are now refused.
  const probe = document.createElement('div');
  probe.className = 'csp-probe';
  document.body.append(probe);
  const style = document.createElement('style');
  style.textContent = '.csp-probe { width: 123px }';
  document.head.append(style);
  const blocked = document.createElement('div');
  blocked.setAttribute('style', 'width: 77px');
  document.body.append(blocked);
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  expect(getComputedStyle(probe).width).not.toBe('123px');
  expect(getComputedStyle(blocked).width).not.toBe('77px');
  expect(violations.every((v) => v.effectiveDirective.startsWith('style-src'))).toBe(true);
  const before = violations.length;

  // The component (defined and first constructed after the policy, so its sheet is built under it).
  customElements.define('csp-soft-skills', class extends OnetSoftSkillsElement {});
  const el = document.createElement('csp-soft-skills') as OnetSoftSkillsElement;
  el.engine = engine;
  el.setAttribute('skills', '2.B.1.b,2.B.1.e');
  el.style.setProperty('--onet-accent', 'rgb(200, 0, 100)'); // CSSOM, not markup: allowed
  const shown = next(el, 'onet-results');
  document.body.append(el);
  await shown;
  const root = el.shadowRoot!;
  expect(root.adoptedStyleSheets).toHaveLength(1);
  expect(root.querySelectorAll('style')).toHaveLength(0);
  const result = root.querySelector('[part=result]')!;
  expect(getComputedStyle(result).borderTopLeftRadius).toBe('6px');
  expect(getComputedStyle(result).borderTopStyle).toBe('solid');
  expect(getComputedStyle(root.querySelector('[part=badge]')!).backgroundColor).toBe('rgb(17, 99, 41)');
  expect(getComputedStyle(root.querySelector('summary')!).color).toBe('rgb(200, 0, 100)');
  expect(getComputedStyle(root.querySelector('[part=progress]')!).display).toBe('none'); // [hidden] rule
  expect(getComputedStyle(root.querySelector('[role=alert]')!).display).toBe('none'); // :empty rule
  await new Promise((r) => setTimeout(r, 50)); // violation events are queued as tasks
  expect(violations.slice(before).map((v) => `${v.effectiveDirective} ${v.sample}`)).toEqual([]);
});
