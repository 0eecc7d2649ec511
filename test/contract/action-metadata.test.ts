/**
 * Every action's metadata agrees with its code: node24, bundles that exist, and inputs whose
 * names, required flags and defaults are the same in action.yml and in the zod spec (a caller
 * passing '' explicitly gets the spec default, so the two must say the same thing).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROOT, actionYml } from '../../sandbox/rehearsal/run-bundle.ts';

const actions = readdirSync(join(ROOT, 'actions')).filter((name) => existsSync(join(ROOT, 'actions', name, 'action.yml')));

async function inputSpec(action: string): Promise<Record<string, z.ZodType> | undefined> {
  const file = join(ROOT, 'actions', action, 'inputs.ts');
  if (!existsSync(file)) return undefined;
  const module = (await import(file)) as Record<string, unknown>;
  const name = Object.keys(module).find((key) => key.endsWith('InputSpec'));
  return name ? (module[name] as Record<string, z.ZodType>) : undefined;
}

describe.each(actions)('actions/%s', (action) => {
  const yml = actionYml(action);

  it('runs on node24 from committed bundles', () => {
    expect(yml.runs.using).toBe('node24');
    expect(yml.runs.main).toBe(`../../dist/${action}/index.js`);
    expect(existsSync(join(ROOT, 'actions', action, yml.runs.main))).toBe(true);
    if (yml.runs.post) expect(existsSync(join(ROOT, 'actions', action, yml.runs.post))).toBe(true);
  });

  it('declares exactly the inputs its zod spec reads, with the same required flags and defaults', async () => {
    const spec = await inputSpec(action);
    expect(spec, `actions/${action}/inputs.ts must export a …InputSpec`).toBeDefined();
    const declared = yml.inputs ?? {};
    expect(Object.keys(declared).sort()).toEqual(Object.keys(spec!).sort());
    for (const [name, meta] of Object.entries(declared)) {
      const schema = spec![name]!;
      const missing = schema.safeParse('');
      expect(!missing.success, `${name}: required in action.yml ⇔ '' rejected by the spec`).toBe(Boolean(meta.required));
      if (meta.default === undefined || meta.default.includes('${{')) continue;
      expect(schema.parse(meta.default), `${name}: action.yml default`).toEqual(missing.data);
    }
  });
});
