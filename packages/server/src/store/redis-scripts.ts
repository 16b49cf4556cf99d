import { createHash } from 'node:crypto';

/**
 * The queue's Lua scripts. Each runs atomically on the Redis node that owns the queue's hash slot: the three keys of
 * one queue share a `{hash tag}`, so the scripts also work on Redis Cluster. Time comes from the Redis server
 * (`TIME`), so workers whose clocks disagree still agree on when an item becomes visible (needs Redis 5 or newer).
 *
 * KEYS[1] = ZSET id → visible-at (ms), KEYS[2] = HASH id → payload, KEYS[3] = HASH id → attempts, and, for the
 * scripts that touch one item's record, KEYS[4] = that record (a string key with its own PX expiry, same hash tag).
 */
export interface LuaScript {
  source: string;
  sha1: string;
}

function lua(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * ARGV: id, payload, delayMs, hasRecord ('1' | '0'), recordValue, recordTtlMs. Returns 1 when queued, 0 when the id is
 * already queued or (with a record) already has a record. Item and record are written together or not at all.
 */
export const pushScript = lua(`${NOW}
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
if ARGV[4] == '1' then
  if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
  redis.call('SET', KEYS[4], ARGV[5], 'PX', tonumber(ARGV[6]))
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], 0)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
`);

/** ARGV: visibilityMs. Returns { id, payload, attempts } of the earliest visible item, hidden until now + visibilityMs; or nil. */
export const reserveScript = lua(`${NOW}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1)
local id = ids[1]
if not id then return false end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), id)
local attempts = redis.call('HINCRBY', KEYS[3], id, 1)
local payload = redis.call('HGET', KEYS[2], id)
return { id, payload, attempts }
`);

/** Lua: is ARGV[1] queued, and (when ARGV[2] is not empty) still at that attempt, i.e. not re-reserved since? */
const HOLDS = `local attempts = redis.call('HGET', KEYS[3], ARGV[1])
if not attempts then return 0 end
if ARGV[2] ~= '' and attempts ~= ARGV[2] then return 0 end
`;

/** ARGV: id, expectedAttempts ('' = any). Removes the item everywhere; 1 when removed, 0 when not held. */
export const ackScript = lua(`${HOLDS}
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
`);

/** ARGV: id, expectedAttempts ('' = any), delayMs, hasPayload ('1' | '0'), payload. 1 when released, 0 when not held. */
export const releaseScript = lua(`${HOLDS}${NOW}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
if ARGV[4] == '1' then redis.call('HSET', KEYS[2], ARGV[1], ARGV[5]) end
return 1
`);

/** ARGV: id, expectedAttempts, value, ttlMs. Writes the item's record only while it is still held; 1 when written. */
export const setRecordScript = lua(`${HOLDS}
redis.call('SET', KEYS[4], ARGV[3], 'PX', tonumber(ARGV[4]))
return 1
`);

/**
 * Compare-and-delete of one plain key (so it runs on any Cluster node): KEYS[1] = the key, ARGV[1] = the value it must
 * hold. Returns 1 when deleted, 0 when absent or holding something else.
 */
export const deleteIfEqualsScript = lua(`if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);
