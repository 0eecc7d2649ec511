import { CloudWatchLogsClient, GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import type { LogPage, LogReader } from '../engine/run-task/ports.ts';
import { call } from './call.ts';
import { clientConfig, type AwsSettings } from './clients.ts';

/**
 * Follows CloudWatch Logs streams with GetLogEvents: from the head, then with nextForwardToken,
 * which comes back unchanged when there is nothing newer. A stream the awslogs driver has not
 * created yet is "no events yet", not an error. One client per region (awslogs-region may differ).
 */
export class CloudWatchLogStreams implements LogReader {
  private readonly clients = new Map<string, CloudWatchLogsClient>();
  private readonly settings: AwsSettings;
  private readonly make: (settings: AwsSettings) => CloudWatchLogsClient;

  constructor(settings: AwsSettings, make = (s: AwsSettings) => new CloudWatchLogsClient(clientConfig(s))) {
    this.settings = settings;
    this.make = make;
  }

  async read(
    where: { group: string; stream: string; region: string | undefined },
    token: string | undefined,
  ): Promise<LogPage | undefined> {
    const region = where.region ?? this.settings.region;
    let client = this.clients.get(region);
    if (!client) {
      client = this.make({ ...this.settings, region });
      this.clients.set(region, client);
    }
    try {
      const out = await call('logs:GetLogEvents', () =>
        client.send(
          new GetLogEventsCommand({ logGroupName: where.group, logStreamName: where.stream, startFromHead: true, nextToken: token }),
        ),
      );
      return {
        events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '' })),
        nextToken: out.nextForwardToken ?? token ?? '',
      };
    } catch (error) {
      if ((error as Error).cause instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }
}
