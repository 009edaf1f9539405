/**
 * `<onet-soft-skills>`: pick social and thinking soft skills, see occupations ranked by how many of
 * their high-level soft skills you have. Usage and API: docs/components.md.
 */
import type { OnetEngine, SoftSkillList, SoftSkillResults } from '../api/client.js';
import { softSkillResultsRoute, type SoftSkillQuery } from '../api/routes.js';
import { OnetBaseElement } from './base.js';
import { h, isolate, replace, type Child } from './dom.js';
import { emit } from './events.js';

/** Sorts of `<onet-soft-skills>`. */
export type SoftSkillsSort = NonNullable<SoftSkillQuery['sort']>;

const SORTS: readonly (readonly [SoftSkillsSort, string])[] = [
  ['skills_covered', 'Share of skills covered'],
  ['my_matches', 'Number of my skills matched'],
  ['title', 'Title'],
  ['code', 'O*NET-SOC code'],
  ['zone', 'Job zone'],
];

type Result = SoftSkillResults['occupation'][number];

/** Parses a comma-separated attribute into unique trimmed items. */
export const list = (value: string | null): string[] => [
  ...new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/**
 * `<onet-soft-skills>`: pick social and thinking soft skills, see occupations ranked by how many of
 * their high-level soft skills you have. Usage and API: docs/components.md. Register it with
 * `OnetSoftSkillsElement.define()` or `import 'onet-match/define'`.
 *
 * @tag onet-soft-skills
 * @fires {CustomEvent<SoftSkillsSelectDetail>} onet-select - A skill was toggled.
 * @csspart picker - Soft-skill picker (both groups).
 * @csspart group - A group of soft skills (`<fieldset>`: social, thinking).
 * @csspart skill - One soft skill: checkbox, label, description and examples.
 * @csspart examples - Level examples of a soft skill (`<details>`).
 * @csspart coverage - Coverage meter and text of a result.
 * @csspart matched - Your matching skills in a result.
 * @csspart other - The occupation's other high-level skills in a result.
 */
export class OnetSoftSkillsElement extends OnetBaseElement<SoftSkillsSort> {
  static override observedAttributes = [...OnetBaseElement.observedAttributes, 'skills'];
  static override readonly defaultTag = 'onet-soft-skills';

  protected readonly listLabel = 'Occupations matching your soft skills';
  #picker!: HTMLElement;
  #boxes: HTMLInputElement[] = [];

  constructor() {
    super(SORTS);
  }

  /**
   * Selected soft-skill codes (attribute `skills`, comma-separated).
   * @attr {string} skills
   */
  get skills(): string[] {
    return list(this.getAttribute('skills'));
  }
  set skills(codes: readonly string[]) {
    this.setAttr('skills', codes, false, true);
  }

  protected body(): Child {
    return (this.#picker = h('div', { part: 'picker', class: 'picker' }));
  }

  protected async ready(engine: OnetEngine): Promise<void> {
    const groups = await engine.softSkills();
    this.#renderPicker(groups);
  }

  #renderPicker(groups: SoftSkillList): void {
    this.#boxes = [];
    let i = 0;
    const group = (legend: string, skills: SoftSkillList['social']) =>
      h(
        'fieldset',
        { part: 'group' },
        h('legend', null, legend),
        skills.map((s) => {
          const id = `skill-${i++}`;
          const box = h('input', { type: 'checkbox', id, value: s.code, 'aria-describedby': `${id}-d`, onchange: () => this.#toggle(box) });
          this.#boxes.push(box);
          return h(
            'div',
            { class: 'skill', part: 'skill' },
            box,
            h('label', { for: id, dir: 'auto' }, s.title),
            h('p', { id: `${id}-d`, class: 'desc' }, isolate(s.description)),
            s.example.length > 0 &&
              h(
                'details',
                { part: 'examples' },
                h('summary', null, 'Examples of ', isolate(s.title)),
                h(
                  'ul',
                  { class: 'plain' },
                  s.example.map((e) => h('li', null, h('span', { class: 'level' }, `Level ${e.level}:`), ' ', isolate(e.description))),
                ),
              ),
          );
        }),
      );
    replace(
      this.#picker,
      h('p', { class: 'hint' }, 'Choose the soft skills you have or want to develop.'),
      group('Social skills', groups.social),
      group('Thinking skills', groups.thinking),
    );
  }

  #toggle(box: HTMLInputElement): void {
    const skills = this.#boxes.filter((b) => b.checked).map((b) => b.value);
    this.skills = skills;
    emit(this, 'onet-select', { kind: 'skills', skills, code: box.value, selected: box.checked });
  }

  protected async update(): Promise<void> {
    const skills = this.skills;
    for (const b of this.#boxes) b.checked = skills.includes(b.value);
    if (skills.length === 0) {
      this.cancel('results');
      this.clearError();
      this.noResults('Select one or more soft skills to see matching occupations.');
      return;
    }
    const query: SoftSkillQuery = { skills, sort: this.sort, start: this.start, end: this.start + this.pageSize - 1 };
    const page = await this.request('results', (e) => e.softSkillResults(query));
    if (page)
      this.showPage(
        page,
        softSkillResultsRoute(query),
        page.occupation.map((o, i) => this.#result(o, i)),
      );
  }

  #result(o: Result, i: number): HTMLLIElement {
    const matched = o.skills_matched.length;
    const high = matched + o.skills_other.length;
    const id = `coverage-${i}`;
    const titles = (skills: Result['skills_matched']) => skills.map((s, k) => [k > 0 && ', ', isolate(s.title)]);
    return h(
      'li',
      { part: 'result', class: 'result' },
      this.occupationHead(o),
      h(
        'p',
        { class: 'coverage', part: 'coverage' },
        h('meter', { min: 0, max: high, value: matched, 'aria-labelledby': id }),
        h('span', { id }, `${matched} of ${high} high-level soft skills (${Math.round((100 * matched) / high)}%)`),
      ),
      h('p', { part: 'matched' }, h('span', { class: 'k' }, 'Your matching skills: '), titles(o.skills_matched)),
      o.skills_other.length > 0 && h('p', { part: 'other' }, h('span', { class: 'k' }, 'Other high-level skills: '), titles(o.skills_other)),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onet-soft-skills': OnetSoftSkillsElement;
  }
}
