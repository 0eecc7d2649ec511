import * as github from '@actions/github';
import type { Issue, IssueTracker } from '../../shared/engine/security/ports.ts';
import { DeployError, TransientError } from '../../shared/errors.ts';

type Octokit = ReturnType<typeof github.getOctokit>;

/** GitHub issues of one repository, through the job's token (it needs `issues: write`). */
export class GitHubIssues implements IssueTracker {
  private readonly octokit: Octokit;
  private readonly repo: { owner: string; repo: string };

  constructor(token: string, repository: string) {
    const [owner, repo] = repository.split('/');
    this.octokit = github.getOctokit(token);
    this.repo = { owner: owner!, repo: repo! };
  }

  async openIssues(label: string): Promise<Issue[]> {
    const issues = await request('list issues', () =>
      this.octokit.paginate(this.octokit.rest.issues.listForRepo, { ...this.repo, state: 'open', labels: label, per_page: 100 }),
    );
    return issues.filter((i) => !i.pull_request).map(toIssue);
  }

  async create(title: string, body: string, label: string): Promise<Issue> {
    const out = await request('create an issue', () => this.octokit.rest.issues.create({ ...this.repo, title, body, labels: [label] }));
    return toIssue(out.data);
  }

  async update(number: number, title: string, body: string): Promise<Issue> {
    const out = await request('update an issue', () =>
      this.octokit.rest.issues.update({ ...this.repo, issue_number: number, title, body }),
    );
    return toIssue(out.data);
  }
}

const toIssue = (i: { number: number; html_url: string; title: string; body?: string | null }): Issue => ({
  number: i.number,
  url: i.html_url,
  title: i.title,
  body: i.body ?? '',
});

/** Rate limits and 5xx are worth retrying; a 403/404 needs the workflow's permissions fixed. */
async function request<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const status = (error as { status?: number }).status ?? 0;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 429 || status >= 500) throw new TransientError(`HTTP ${status}`, `GitHub: ${what}: ${message}`, error);
    throw new DeployError(`GitHub refused to ${what}: HTTP ${status} ${message}`, {
      fix: 'Give the job `permissions: issues: write` and pass its token as github-token.',
      cause: error,
    });
  }
}
