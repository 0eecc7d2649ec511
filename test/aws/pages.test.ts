import { ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EcsTasks } from '../../shared/aws/ecs-tasks.ts';
import { allPages, MAX_PAGES } from '../../shared/aws/pages.ts';

describe('pagination is capped', () => {
  it('reads every page up to the last token', async () => {
    const pages = [
      { items: [1, 2], next: 'a' },
      { items: [3], next: 'b' },
      { items: undefined, next: undefined },
    ];
    let i = 0;
    expect(await allPages('List', async () => pages[i++]!)).toEqual([1, 2, 3]);
  });

  it('stops with a clear error when the token never ends', async () => {
    let calls = 0;
    const endless = allPages('ListTasks', async () => ({ items: [String(calls++)], next: 'again' }));
    await expect(endless).rejects.toThrow(`ListTasks returned more than ${MAX_PAGES} pages: stopped reading`);
    expect(calls).toBe(MAX_PAGES);
  });

  it('ListTasks against an endpoint that always returns a nextToken ends after the cap', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(ListTasksCommand).resolves({ taskArns: ['arn:aws:ecs:us-east-1:123456789012:task/demo/t'], nextToken: 'forever' });
    const tasks = new EcsTasks(new ECSClient({ region: 'us-east-1' }), 'demo');
    await expect(tasks.runningTasks('web')).rejects.toThrow(/more than 100 pages/);
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(MAX_PAGES);
  });
});
