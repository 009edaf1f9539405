/**
 * Registers the web components under their default names: `<onet-soft-skills>`,
 * `<onet-related-activities>` and `<onet-career-explorer>`. Safe to import more than once (and next to another copy): a name
 * already defined is left alone.
 *
 *   import 'onet-match/define';
 */
import { OnetCareerExplorerElement, OnetRelatedActivitiesElement, OnetSoftSkillsElement } from './elements/index.js';

const elements: [string, CustomElementConstructor][] = [
  ['onet-soft-skills', OnetSoftSkillsElement],
  ['onet-related-activities', OnetRelatedActivitiesElement],
  ['onet-career-explorer', OnetCareerExplorerElement],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);
