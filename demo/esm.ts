/**
 * The promise API in a page of its own: open the engine with progress, list the soft skills, rank
 * occupations by coverage, search occupations and list the ones sharing their activities, rank
 * careers by fit to an interest code.
 * Everything from the engine reaches the page through textContent (no HTML parsing of data).
 */
import { isOnetError, openEngine, type OnetEngine, type Progress, type SoftSkillList } from '../src/index.js';
import { registerServiceWorker } from './pwa.js';

registerServiceWorker(null);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function setStatus(text: string, state: 'loading' | 'ready' | 'error'): void {
  const status = $('status');
  status.textContent = text;
  status.dataset.state = state;
}

function describeError(error: unknown): string {
  return isOnetError(error) ? `${error.code}: ${error.message}${error.suggestion ? ` — ${error.suggestion}` : ''}` : String(error);
}

function onProgress(p: Progress): void {
  const bar = $<HTMLProgressElement>('progress');
  if (p.total > 0) {
    bar.max = p.total;
    bar.value = p.loaded;
  }
  setStatus(`Loading the O*NET data: ${p.stage}${p.total ? ` (${Math.round(p.loaded / 1024)} / ${Math.round(p.total / 1024)} KB)` : ''}`, 'loading');
}

function renderSkills(list: SoftSkillList): void {
  for (const group of ['social', 'thinking'] as const) {
    const ul = $(group);
    ul.replaceChildren();
    for (const skill of list[group]) {
      const li = el('li');
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.name = 'skill';
      box.value = skill.code;
      label.append(box, ` ${skill.title}`);
      label.title = skill.description;
      li.append(label);
      ul.append(li);
    }
  }
}

async function rank(engine: OnetEngine): Promise<void> {
  const skills = [...document.querySelectorAll<HTMLInputElement>('input[name=skill]:checked')].map((box) => box.value);
  const out = $('skills-results');
  if (skills.length === 0) {
    $('skills-total').textContent = 'Select at least one skill.';
    out.replaceChildren();
    return;
  }
  const page = await engine.softSkillResults({ skills, start: 1, end: 20 });
  $('skills-total').textContent = `${page.total} occupations use the selected skills (showing ${page.start}–${page.end}).`;
  out.replaceChildren(
    ...page.occupation.map((o) => {
      const li = el('li');
      li.append(el('strong', o.title), ' ', el('span', `${o.code} · matched ${o.skills_matched.map((s) => s.title).join(', ')}`, 'meta'));
      return li;
    }),
  );
}

async function related(engine: OnetEngine, code: string, title: string): Promise<void> {
  const activities = (await engine.occupationActivities(code)).map((a) => a.id);
  const out = $('related-results');
  if (activities.length === 0) {
    $('related-total').textContent = `${title} has no detailed work activities in this snapshot.`;
    out.replaceChildren();
    return;
  }
  const page = await engine.relatedActivities({ code, activities, start: 1, end: 20 });
  $('related-total').textContent = `Occupations with activities like those of ${title} (${activities.length} activities): ${page.total}.`;
  out.replaceChildren(
    ...page.occupation.map((o) => {
      const li = el('li');
      li.append(el('strong', o.title), ' ', el('span', o.code, 'meta'));
      return li;
    }),
  );
}

async function search(engine: OnetEngine, keyword: string): Promise<void> {
  const page = await engine.searchOccupations({ keyword, start: 1, end: 20 });
  $('search-total').textContent = `${page.total} occupations match “${keyword}”. Pick yours:`;
  $('related-total').textContent = '';
  $('related-results').replaceChildren();
  $('search-results').replaceChildren(
    ...page.occupation.map((o) => {
      const li = el('li');
      const button = el('button', o.title, 'link');
      button.type = 'button';
      button.addEventListener('click', () => void related(engine, o.code, o.title).catch(showError));
      li.append(button, ' ', el('span', o.code, 'meta'));
      return li;
    }),
  );
}

async function fit(engine: OnetEngine, code: string): Promise<void> {
  const page = await engine.interestResults({ code, start: 1, end: 20 });
  $('interests-total').textContent = `Careers that fit ${code.toUpperCase()}: ${page.total} ranked (showing ${page.start}–${page.end}).`;
  $('interests-results').replaceChildren(
    ...page.occupation.map((o) => {
      const li = el('li');
      li.append(el('strong', o.title), ' ', el('span', `${o.code} · ${o.fit_label} fit (${o.fit}) · interest code ${o.high_point}`, 'meta'));
      return li;
    }),
  );
}

function showError(error: unknown): void {
  setStatus(describeError(error), 'error');
}

async function main(): Promise<void> {
  setStatus('Opening the engine…', 'loading');
  const engine = await openEngine({ snapshot: 'snapshot/manifest.json', onProgress });
  const { summary } = engine;
  setStatus(`Ready: O*NET ${summary.release} (${summary.source === 'network' ? 'downloaded now' : 'from the local install'}).`, 'ready');
  $('summary').textContent = `Running in a ${engine.mode === 'worker' ? 'Web Worker' : 'page (inline)'}; storage: ${summary.storage}; sha256 ${summary.sha256.slice(0, 12)}…${
    summary.updateError ? `; could not check for updates (${summary.updateError.code})` : ''
  }`;
  $<HTMLProgressElement>('progress').value = $<HTMLProgressElement>('progress').max;
  renderSkills(await engine.softSkills());
  $<HTMLButtonElement>('rank').disabled = false;
  $<HTMLButtonElement>('search').disabled = false;
  $<HTMLButtonElement>('fit').disabled = false;
  $('interests-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void fit(engine, $<HTMLInputElement>('interest-code').value.trim()).catch(showError);
  });
  $('skills-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void rank(engine).catch(showError);
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void search(engine, $<HTMLInputElement>('keyword').value.trim()).catch(showError);
  });
  document.documentElement.dataset.engine = 'ready';
}

main().catch(showError);
