import { CloudWatchLogsClient, GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CloudWatchLogStreams } from '../../shared/aws/cloudwatch-logs.ts';

const cwl = mockClient(CloudWatchLogsClient);
beforeEach(() => cwl.reset());

describe('CloudWatchLogStreams', () => {
  const reader = () =>
    new CloudWatchLogStreams({ region: 'us-east-1', maxRetries: 0 }, (s) => new CloudWatchLogsClient({ region: s.region }));
  const where = { group: '/ecs/migrate', stream: 'ecs/app/abc', region: undefined };

  it('reads from the head, then forward from the token', async () => {
    cwl
      .on(GetLogEventsCommand)
      .resolvesOnce({ events: [{ timestamp: 1, message: 'a' }], nextForwardToken: 'f/1' })
      .resolves({ events: [], nextForwardToken: 'f/1' });
    const r = reader();
    expect(await r.read(where, undefined)).toEqual({ events: [{ timestamp: 1, message: 'a' }], nextToken: 'f/1' });
    expect(await r.read(where, 'f/1')).toEqual({ events: [], nextToken: 'f/1' });
    expect(cwl.commandCalls(GetLogEventsCommand).map((c) => c.args[0].input)).toEqual([
      { logGroupName: '/ecs/migrate', logStreamName: 'ecs/app/abc', startFromHead: true, nextToken: undefined },
      { logGroupName: '/ecs/migrate', logStreamName: 'ecs/app/abc', startFromHead: true, nextToken: 'f/1' },
    ]);
  });

  it('treats a stream that does not exist yet as no events', async () => {
    cwl
      .on(GetLogEventsCommand)
      .rejects(new ResourceNotFoundException({ message: 'The specified log stream does not exist.', $metadata: {} }));
    expect(await reader().read(where, undefined)).toBeUndefined();
  });

  it('reads from the awslogs-region when it differs', async () => {
    const regions: string[] = [];
    cwl.on(GetLogEventsCommand).resolves({ events: [], nextForwardToken: 'f/0' });
    const r = new CloudWatchLogStreams({ region: 'us-east-1', maxRetries: 0 }, (s) => {
      regions.push(s.region);
      return new CloudWatchLogsClient({ region: s.region });
    });
    await r.read({ ...where, region: 'eu-west-1' }, undefined);
    await r.read({ ...where, region: 'eu-west-1' }, undefined);
    expect(regions).toEqual(['eu-west-1']);
  });
});
