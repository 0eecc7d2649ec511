import * as z from 'zod/mini';
import { jsonProblem } from './inputs/workspace-file.ts';

/**
 * Fields DescribeTaskDefinition returns that RegisterTaskDefinition rejects, so a document
 * exported from the console or the CLI can be registered as is.
 */
const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'inferenceAccelerators',
] as const;

// zod/mini sets no locale: every check names its own message (the file is validated before any AWS call).
const containerSchema = z.looseObject(
  {
    name: z.string({ error: 'every container needs a "name"' }).check(z.minLength(1, 'every container needs a "name"')),
    image: z.string({ error: 'every container needs an "image"' }).check(z.minLength(1, 'every container needs an "image"')),
    essential: z.optional(z.boolean({ error: '"essential" must be true or false' })),
  },
  { error: 'every item of "containerDefinitions" must be a container object' },
);

const FAMILY = '"family" must be 1-255 letters, digits, "-" or "_"';

export const taskDefinitionSchema = z.looseObject(
  {
    family: z.string({ error: FAMILY }).check(z.regex(/^[A-Za-z0-9_-]{1,255}$/, FAMILY)),
    containerDefinitions: z
      .array(containerSchema, { error: '"containerDefinitions" must be a list of containers' })
      .check(z.minLength(1, '"containerDefinitions" needs at least one container')),
  },
  { error: 'must be a task definition JSON object' },
);

export type TaskDefinitionDocument = z.infer<typeof taskDefinitionSchema>;

/** Parses a task definition document (as exported or hand-written); returns the problem or the document. */
export function parseTaskDefinition(json: string): { document: TaskDefinitionDocument } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    // Never the parser's message as is: it quotes the file's first bytes.
    return { problem: jsonProblem(error) };
  }
  // `aws ecs describe-task-definition` output wraps the document.
  if (raw && typeof raw === 'object' && 'taskDefinition' in raw) raw = (raw as { taskDefinition: unknown }).taskDefinition;
  const parsed = taskDefinitionSchema.safeParse(raw);
  if (!parsed.success) return { problem: parsed.error.issues.map((i) => i.message).join('; ') };
  if (!parsed.data.containerDefinitions.some((c) => c.essential !== false)) return { problem: 'has no essential container' };
  return { document: parsed.data };
}

/** A copy ready for RegisterTaskDefinition: read-only fields dropped, `image` rendered into `containerName`. */
export function renderTaskDefinition(
  document: TaskDefinitionDocument,
  render?: { containerName: string; image: string },
): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(document);
  for (const field of READ_ONLY_FIELDS) delete copy[field];
  if (render) {
    const containers = copy.containerDefinitions as { name: string; image: string }[];
    const target = containers.find((c) => c.name === render.containerName);
    if (!target) throw new Error(`no container named ${render.containerName}`);
    target.image = render.image;
  }
  return copy;
}

export function containerNames(document: TaskDefinitionDocument): string[] {
  return document.containerDefinitions.map((c) => c.name);
}
