export type * from './common';
export type * from './contact';
export type * from './conversation';
export type * from './message';
export type * from './inbox';
export type * from './agent';
export type * from './profile';
export type * from './webhook';
