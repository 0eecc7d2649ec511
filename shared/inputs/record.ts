import { optional, text } from './fields.ts';

/** The deployment record inputs of canary, blue-green and rollback (action.yml: github-token defaults to github.token). */
export const recordInputs = {
  environment: optional(
    text(/^[\w.\- ]{1,255}$/, 'expected a GitHub environment name like production (letters, digits, . _ - and spaces)'),
  ),
  'github-token': optional(text()),
};

export interface RecordInputs {
  environment?: string;
  'github-token'?: string;
}
