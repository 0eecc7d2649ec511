import { InputError } from '../errors.ts';
import { REVISION } from './aws.ts';
import { readWorkspaceFile } from './workspace-file.ts';
import { quoteInput } from '../github/untrusted.ts';
import type { TaskDefinitionSource } from '../engine/deploy.ts';
import { containerNames, parseTaskDefinition, renderTaskDefinition } from '../taskdef.ts';

const REFERENCE = REVISION;

/**
 * `task-definition` is a JSON file (relative to the workspace) or an existing revision
 * (`family:revision` or its ARN). A file is parsed, validated and rendered here, before any
 * AWS call, so a typo never reaches ECS.
 */
export function taskDefinitionSource(
  value: string,
  render: { containerName?: string; image?: string },
  workspace = process.env.GITHUB_WORKSPACE ?? process.cwd(),
): TaskDefinitionSource {
  if (Boolean(render.image) !== Boolean(render.containerName)) {
    throw new InputError(
      render.image ? 'container-name' : 'image',
      'image and container-name go together: give both to render the image, or neither',
    );
  }
  const text = REFERENCE.test(value) ? undefined : readWorkspaceFile('task-definition', value, workspace);
  if (text === undefined) {
    if (!REFERENCE.test(value)) {
      throw new InputError(
        'task-definition',
        `${quoteInput(value)} is neither a file in the workspace nor a revision like my-app:42 or its ARN`,
      );
    }
    if (render.image)
      throw new InputError(
        'image',
        'can only be rendered into a task definition file; with an existing revision, leave image and container-name empty',
      );
    return { reference: value };
  }
  const parsed = parseTaskDefinition(text);
  if ('problem' in parsed) throw new InputError('task-definition', `${quoteInput(value)} ${parsed.problem}`);
  const names = containerNames(parsed.document);
  if (render.containerName && !names.includes(render.containerName)) {
    throw new InputError(
      'container-name',
      `${quoteInput(render.containerName)} is not a container of ${quoteInput(value)} (it has: ${names.join(', ')})`,
    );
  }
  const rendering = render.containerName && render.image ? { containerName: render.containerName, image: render.image } : undefined;
  return { document: renderTaskDefinition(parsed.document, rendering) };
}
