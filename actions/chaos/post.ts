await (await import('./action.ts')).cleanup();
