/** The names action.yml, the entrypoints and the tests share. */
export { TASK_STATE as STATE } from '../../shared/engine/run-task/ports.ts';

export const OUTPUT = { result: 'result', exitCode: 'exit-code', taskArn: 'task-arn', logUrl: 'log-url' } as const;
