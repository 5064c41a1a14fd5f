import type { Core } from '../core/index.js';
import type { RevisionedAnswers } from './prepared/revisioned-answers.js';

/** What every resource plugin is given: core, and the answers prepared per pool revision. */
export interface ResourceOptions {
  core: Core;
  answers: RevisionedAnswers;
}
