/**
 * Registers the web components under their default names: `<onet-soft-skills>`,
 * `<onet-related-activities>` and `<onet-career-explorer>`. Safe to import more than once (and next to another copy): a name
 * already defined is left alone (see OnetBaseElement.define).
 *
 *   import 'onet-match/define';
 */
import { OnetCareerExplorerElement, OnetRelatedActivitiesElement, OnetSoftSkillsElement } from './elements/index.js';

OnetSoftSkillsElement.define();
OnetRelatedActivitiesElement.define();
OnetCareerExplorerElement.define();
