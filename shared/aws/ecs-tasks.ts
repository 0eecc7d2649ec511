import { ListTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import type { TaskControl } from '../engine/chaos/ports.ts';
import { call } from './call.ts';
import { EcsClusterAdapter } from './ecs-cluster.ts';
import { allPages } from './pages.ts';

/** StopTask keeps at most 255 characters of the reason. */
const MAX_REASON = 255;

export class EcsTasks extends EcsClusterAdapter implements TaskControl {
  async runningTasks(service: string): Promise<string[]> {
    return allPages('ListTasks', async (nextToken) => {
      const out = await call('ecs:ListTasks', () =>
        this.ecs.send(new ListTasksCommand({ cluster: this.cluster, serviceName: service, desiredStatus: 'RUNNING', nextToken })),
      );
      return { items: out.taskArns, next: out.nextToken };
    });
  }

  async stopTask(taskArn: string, reason: string): Promise<void> {
    await call('ecs:StopTask', () =>
      this.ecs.send(new StopTaskCommand({ cluster: this.cluster, task: taskArn, reason: reason.slice(0, MAX_REASON) })),
    );
  }
}
