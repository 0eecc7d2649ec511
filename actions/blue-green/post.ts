import { restoreAfterMain } from '../../shared/github/post.ts';

await restoreAfterMain();
