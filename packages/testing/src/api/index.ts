export { createFakeApi } from './createFakeApi';
export type * from './types';
