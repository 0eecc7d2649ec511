import { DeployError } from '../errors.ts';

/**
 * The most pages one listing reads. A token that never ends (an API bug, a proxy looping, a
 * sandbox gone wrong) must not keep a deployment calling forever: 100 pages of 100 is 10,000
 * items, twice ECS's 5,000 tasks per service.
 */
export const MAX_PAGES = 100;

/** Every item of a paginated listing, read page by page; more than MAX_PAGES pages is an error. */
export async function allPages<T>(
  operation: string,
  page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>,
  maxPages = MAX_PAGES,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let read = 0; read < maxPages; read++) {
    const out = await page(token);
    items.push(...(out.items ?? []));
    token = out.next;
    if (!token) return items;
  }
  throw new DeployError(`${operation} returned more than ${maxPages} pages: stopped reading`, {
    why: `${items.length} items read so far; the listing is capped at ${maxPages} pages`,
    fix: 'Check the cluster for a runaway number of tasks or instances, or retry: a pagination token that never ends is an AWS-side problem.',
  });
}
