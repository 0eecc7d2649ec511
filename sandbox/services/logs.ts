import type {
  CreateLogGroupRequest,
  CreateLogStreamRequest,
  DescribeLogStreamsRequest,
  FilterLogEventsRequest,
  GetLogEventsRequest,
  PutLogEventsRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../errors.ts';
import type { LogEvent, LogStore } from '../logs/store.ts';
import { bool, list, num, paginate, str } from '../params.ts';
import type { Operations } from './types.ts';

/** GetLogEvents returns up to 10,000 events (and at most 1 MB) per call. */
const MAX_EVENTS = 10_000;
const MAX_BYTES = 1_048_576;

/** Tokens look like AWS's: `f/` or `b/` and 56 digits (here, a position in the stream). */
const token = (direction: 'f' | 'b', position: number): string => `${direction}/${String(position).padStart(56, '0')}`;

function readToken(text: string): { direction: 'f' | 'b'; position: number } {
  const match = /^([fb])\/(\d{56})$/.exec(text);
  if (!match) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) };
}

/** The group name from `logGroupName` or `logGroupIdentifier` (a name or an ARN), exactly one of them. */
function groupName(input: { logGroupName?: unknown; logGroupIdentifier?: unknown }): string {
  const name = str(input.logGroupName);
  const identifier = str(input.logGroupIdentifier);
  if (name && identifier)
    throw new AwsError('InvalidParameterException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const value = name ?? identifier?.replace(/^arn:aws[a-z-]*:logs:[^:]*:\d+:log-group:/, '').replace(/:\*$/, '');
  if (!value) throw new AwsError('InvalidParameterException', 'Should provide either a LogGroup name or a LogGroup ARN.');
  return value;
}

function inWindow(event: LogEvent, start: number | undefined, end: number | undefined): boolean {
  return (start === undefined || event.timestamp >= start) && (end === undefined || event.timestamp < end);
}

/** Whole terms, or "quoted phrases", must all appear (the plain-text subset of filter patterns). */
function matcher(pattern: string | undefined): (message: string) => boolean {
  if (!pattern) return () => true;
  const terms = [...pattern.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  if (terms.some((t) => /^[{[]|^[?-]/.test(t)))
    throw new AwsError('InvalidParameterException', 'The sandbox supports plain terms and "quoted phrases" in filter patterns only.');
  return (message) => terms.every((t) => message.includes(t));
}

/** Amazon CloudWatch Logs (awsJson1_1, Logs_20140328). */
export function logsOperations(deps: { store: LogStore }): Operations {
  const { store } = deps;

  return {
    CreateLogGroup(input: CreateLogGroupRequest) {
      const name = str(input.logGroupName);
      if (!name || !/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name))
        throw new AwsError(
          'InvalidParameterException',
          `1 validation error detected: Value '${name ?? ''}' at 'logGroupName' failed to satisfy constraint`,
        );
      store.createGroup(name);
      return {};
    },

    CreateLogStream(input: CreateLogStreamRequest) {
      store.createStream(groupName(input), str(input.logStreamName) ?? '');
      return {};
    },

    DescribeLogStreams(input: DescribeLogStreamsRequest) {
      const group = store.group(groupName(input));
      const prefix = str(input.logStreamNamePrefix) ?? '';
      const streams = [...group.streams.values()]
        .filter((s) => s.name.startsWith(prefix))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({
          logStreamName: s.name,
          creationTime: s.createdAt,
          firstEventTimestamp: s.events[0]?.timestamp,
          lastEventTimestamp: s.events.at(-1)?.timestamp,
          lastIngestionTime: s.events.at(-1)?.ingestionTime,
          arn: `${group.arn}:log-stream:${s.name}`,
        }));
      const { page, nextToken } = paginate(streams, num(input.limit), str(input.nextToken), 50);
      return { logStreams: page, nextToken };
    },

    PutLogEvents(input: PutLogEventsRequest) {
      const stream = store.stream(groupName(input), str(input.logStreamName) ?? '');
      for (const event of list<{ timestamp?: number; message?: string }>(input.logEvents)) {
        store.append(stream, String(event.message ?? ''), num(event.timestamp) ?? Date.now());
      }
      return { rejectedLogEventsInfo: undefined };
    },

    /**
     * Forward tokens point after the last event returned; at the end of the stream the same
     * token comes back, which is how a reader knows it has caught up.
     */
    GetLogEvents(input: GetLogEventsRequest) {
      const stream = store.stream(groupName(input), str(input.logStreamName) ?? '');
      const events = stream.events.filter((e) => inWindow(e, num(input.startTime), num(input.endTime)));
      const limit = Math.min(MAX_EVENTS, Math.max(1, num(input.limit) ?? MAX_EVENTS));
      const given = str(input.nextToken);
      let from: number;
      let to: number;
      if (given) {
        const { direction, position } = readToken(given);
        const at = Math.min(position, events.length);
        [from, to] = direction === 'f' ? [at, Math.min(events.length, at + limit)] : [Math.max(0, at - limit), at];
      } else if (bool(input.startFromHead)) {
        [from, to] = [0, Math.min(events.length, limit)];
      } else {
        [from, to] = [Math.max(0, events.length - limit), events.length];
      }
      // Stay under 1 MB, counting 26 bytes of overhead per event like the API does.
      let bytes = 0;
      for (let i = from; i < to; i++) {
        bytes += Buffer.byteLength(events[i]!.message) + 26;
        if (bytes > MAX_BYTES) {
          to = i;
          break;
        }
      }
      return {
        events: events.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: token('f', to),
        nextBackwardToken: token('b', from),
      };
    },

    FilterLogEvents(input: FilterLogEventsRequest) {
      const group = store.group(groupName(input));
      const names = list<string>(input.logStreamNames);
      const prefix = str(input.logStreamNamePrefix);
      if (names.length > 0 && prefix)
        throw new AwsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive.');
      const matches = matcher(str(input.filterPattern));
      const streams = [...group.streams.values()].filter(
        (s) => (names.length === 0 || names.includes(s.name)) && (!prefix || s.name.startsWith(prefix)),
      );
      const events = streams
        .flatMap((s) =>
          s.events.map((e, i) => ({
            logStreamName: s.name,
            timestamp: e.timestamp,
            ingestionTime: e.ingestionTime,
            message: e.message,
            eventId: `${e.timestamp}${String(i).padStart(20, '0')}`,
          })),
        )
        .filter((e) => inWindow(e, num(input.startTime), num(input.endTime)) && matches(e.message))
        .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
      const { page, nextToken } = paginate(events, num(input.limit), str(input.nextToken), MAX_EVENTS);
      return { events: page, nextToken, searchedLogStreams: [] };
    },
  };
}
