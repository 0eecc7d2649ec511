import type { AwsLogsConfig, ContainerSpec, LogReader, LogSink } from './ports.ts';
import { neutralize } from './safe-text.ts';

/** Lines the job summary keeps from the end of the log. */
export const SUMMARY_TAIL = 30;
/** Pages read per stream per poll, so one chatty container cannot stall the polling. */
const PAGES_PER_POLL = 5;

interface Source {
  container: string;
  where: { group: string; stream: string; region: string | undefined };
  token: string | undefined;
}

export function streamName(logs: AwsLogsConfig, container: string, taskId: string): string {
  return logs.streamPrefix ? `${logs.streamPrefix}/${container}/${taskId}` : taskId;
}

/**
 * Follows the awslogs streams of a task's containers and prints new lines into one collapsible
 * group, up to a cap; past the cap it keeps reading (for the summary's last lines) and says once
 * where the rest is.
 */
export class TaskLogs {
  readonly sources: Source[];
  printed = 0;
  readonly tail: string[] = [];
  readonly #reader: LogReader;
  readonly #sink: LogSink;
  readonly #maxLines: number;
  readonly #title: string;
  readonly #whereTheRestIs: string;
  #open = false;
  #cappedNoted = false;

  constructor(
    containers: ContainerSpec[],
    taskId: string,
    deps: { reader: LogReader; sink: LogSink; maxLines: number; title: string; whereTheRestIs: string },
  ) {
    this.sources = containers
      .filter((c) => c.logs)
      .map((c) => ({
        container: c.name,
        where: { group: c.logs!.group, stream: streamName(c.logs!, c.name, taskId), region: c.logs!.region },
        token: undefined,
      }));
    this.#reader = deps.reader;
    this.#sink = deps.sink;
    this.#maxLines = deps.maxLines;
    this.#title = deps.title;
    this.#whereTheRestIs = deps.whereTheRestIs;
  }

  /** Reads what is new in every stream; returns how many events arrived. */
  async poll(): Promise<number> {
    let arrived = 0;
    for (const source of this.sources) {
      for (let page = 0; page < PAGES_PER_POLL; page++) {
        const got = await this.#reader.read(source.where, source.token);
        if (!got) break;
        const caughtUp = got.nextToken === source.token || got.events.length === 0;
        source.token = got.nextToken;
        arrived += got.events.length;
        for (const event of got.events) this.#print(this.sources.length > 1 ? `[${source.container}] ${event.message}` : event.message);
        if (caughtUp) break;
      }
    }
    return arrived;
  }

  /** Closes the group (before a timeline line, and at the end). */
  pause(): void {
    if (this.#open) this.#sink.endGroup();
    this.#open = false;
  }

  #print(message: string): void {
    for (const line of neutralize(message).split('\n')) {
      this.tail.push(line);
      if (this.tail.length > SUMMARY_TAIL) this.tail.shift();
      if (this.printed >= this.#maxLines) {
        if (!this.#cappedNoted) {
          this.#cappedNoted = true;
          this.#ensureOpen();
          this.#sink.line(`… the log is capped here at ${this.#maxLines} lines; the rest is in ${this.#whereTheRestIs}`);
        }
        continue;
      }
      this.#ensureOpen();
      this.#sink.line(line);
      this.printed++;
    }
  }

  #ensureOpen(): void {
    if (this.#open) return;
    this.#sink.startGroup(this.printed === 0 ? this.#title : `${this.#title} (continued)`);
    this.#open = true;
  }
}
