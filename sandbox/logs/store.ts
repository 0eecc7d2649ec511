import { AwsError } from '../errors.ts';

export interface LogEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
}

export interface LogStream {
  name: string;
  createdAt: number;
  events: LogEvent[];
}

export interface LogGroup {
  name: string;
  arn: string;
  createdAt: number;
  streams: Map<string, LogStream>;
}

/** CloudWatch Logs caps one event at 256 KB; longer lines are cut like the awslogs driver splits them. */
const MAX_EVENT_BYTES = 256 * 1024 - 26;

export function notFound(what: 'group' | 'stream'): AwsError {
  return new AwsError('ResourceNotFoundException', `The specified log ${what} does not exist.`);
}

/** Log groups and streams the one-off tasks' awslogs driver writes to and the Logs API reads. */
export class LogStore {
  readonly groups = new Map<string, LogGroup>();
  readonly #region: string;
  readonly #accountId: string;

  constructor(region: string, accountId: string) {
    this.#region = region;
    this.#accountId = accountId;
  }

  createGroup(name: string): LogGroup {
    if (this.groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    const group: LogGroup = {
      name,
      arn: `arn:aws:logs:${this.#region}:${this.#accountId}:log-group:${name}`,
      createdAt: Date.now(),
      streams: new Map(),
    };
    this.groups.set(name, group);
    return group;
  }

  group(name: string): LogGroup {
    const group = this.groups.get(name);
    if (!group) throw notFound('group');
    return group;
  }

  stream(groupName: string, streamName: string): LogStream {
    const stream = this.group(groupName).streams.get(streamName);
    if (!stream) throw notFound('stream');
    return stream;
  }

  createStream(groupName: string, streamName: string): LogStream {
    const group = this.group(groupName);
    if (group.streams.has(streamName)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    const stream: LogStream = { name: streamName, createdAt: Date.now(), events: [] };
    group.streams.set(streamName, stream);
    return stream;
  }

  append(stream: LogStream, message: string, timestamp = Date.now()): void {
    const cut = Buffer.from(message, 'utf8').subarray(0, MAX_EVENT_BYTES).toString('utf8');
    stream.events.push({ timestamp, ingestionTime: Date.now(), message: cut });
  }
}
