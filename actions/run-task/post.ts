await (await import(/* webpackMode: "eager" */ './action.ts')).cleanup();
