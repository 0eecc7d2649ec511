await (await import('./action.ts')).run();
