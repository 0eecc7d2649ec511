import { restoreAfterMainEitherForm } from '../../shared/github/native-post.ts';

await restoreAfterMainEitherForm();
