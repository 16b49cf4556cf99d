import type { FakeContactRecord } from '../types';
import type { ClauseToken } from './readConditions';
import { filterErrors } from './filterErrors';

/**
 * Checks that the concatenated clause is valid SQL — comparisons and AND / OR alternating, starting and ending with
 * a comparison — as PostgreSQL would. A query operator on the last condition, or none between two, is a syntax error
 * (Chatwoot's own dashboard nulls the last one: "this would break the api"). Returns the comparisons grouped by OR.
 */
export function groupClause(tokens: readonly ClauseToken[]): Array<Array<(contact: FakeContactRecord) => boolean>> {
  const groups: Array<Array<(contact: FakeContactRecord) => boolean>> = [[]];
  tokens.forEach((token, index) => {
    const expectsTest = index % 2 === 0;
    if (expectsTest !== ('test' in token)) throw filterErrors.crashed();
    if ('test' in token) groups[groups.length - 1]!.push(token.test);
    else if (token.joiner === 'OR') groups.push([]);
  });
  if (tokens.length > 0 && !('test' in tokens[tokens.length - 1]!)) throw filterErrors.crashed();
  return groups;
}

/** SQL's precedence: AND binds tighter than OR. An empty clause (`where('')`) keeps every contact. */
export function matchesGroups(contact: FakeContactRecord, groups: ReadonlyArray<ReadonlyArray<(c: FakeContactRecord) => boolean>>): boolean {
  if (groups.length === 1 && groups[0]!.length === 0) return true;
  return groups.some((group) => group.every((test) => test(contact)));
}
