import type { HttpProbe, HttpRequest, HttpResponse, SuiteOutcome, TestSuite } from '../../../shared/engine/smoke/ports.ts';

export type Answer = Partial<HttpResponse> | Error;

/** An HttpProbe answering from a script: `(request, n)` where n counts this URL's requests from 0. */
export class ScriptedProbe implements HttpProbe {
  requests: HttpRequest[] = [];
  private readonly script: (request: HttpRequest, n: number) => Answer;
  private readonly counts = new Map<string, number>();

  constructor(script: (request: HttpRequest, n: number) => Answer = () => ({})) {
    this.script = script;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const n = this.counts.get(request.url) ?? 0;
    this.counts.set(request.url, n + 1);
    const answer = this.script(request, n);
    if (answer instanceof Error) throw answer;
    return { status: 200, headers: {}, body: '', latencyMs: 10, ...answer };
  }
}

export class ScriptedSuite implements TestSuite {
  readonly command: string;
  runs: Record<string, string>[] = [];
  private readonly outcome: SuiteOutcome;

  constructor(command: string, outcome: Partial<SuiteOutcome> = {}) {
    this.command = command;
    this.outcome = { exitCode: 0, durationMs: 1500, lastLine: '', ...outcome };
  }

  async run(env: Record<string, string>): Promise<SuiteOutcome> {
    this.runs.push(env);
    return this.outcome;
  }
}
