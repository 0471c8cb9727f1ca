// Server-side scripts of the Redis backend. Each runs atomically, so several proxies sharing one Redis
// never see a half-updated total or evict the same entry twice. Time comes from the server (`TIME`), so
// proxies whose clocks disagree still age entries the same way.
//
// Layout under a prefix P: `P<key>` holds an original (with a Redis expiry = TTL, refreshed on use);
// `Plru` is a sorted set key -> last use (ms); `Psizes` a hash key -> bytes; `Pbytes` the total (no clash:
// CCR keys start with `hr_`).
// Entry keys are built inside the scripts, so this works on a single Redis server, not on a Cluster.

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// Forgets entries whose data Redis already expired (their bookkeeping has no expiry of its own).
const SWEEP = `
local function forget(k)
  local size = redis.call('HGET', KEYS[3], k)
  if size then
    redis.call('DECRBY', KEYS[4], size)
    redis.call('HDEL', KEYS[3], k)
  end
  redis.call('ZREM', KEYS[2], k)
  redis.call('DEL', ARGV[1] .. k)
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
for _, k in ipairs(expired) do forget(k) end
`;

/** KEYS: entry, lru, sizes, bytes. ARGV: prefix, ttl ms, max bytes, ccr key, content. Returns {expired, evicted}. */
export const PUT_SCRIPT = `${NOW}${SWEEP}
local key = ARGV[4]
local size = string.len(ARGV[5])
if redis.call('HEXISTS', KEYS[3], key) == 0 then
  redis.call('HSET', KEYS[3], key, size)
  redis.call('INCRBY', KEYS[4], size)
end
redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], now, key)
local max = tonumber(ARGV[3])
local total = tonumber(redis.call('GET', KEYS[4]) or '0')
local evicted = 0
while total > max do
  local progressed = false
  for _, k in ipairs(redis.call('ZRANGE', KEYS[2], 0, 31)) do
    if total <= max then break end
    if k ~= key then
      total = total - tonumber(redis.call('HGET', KEYS[3], k) or '0')
      forget(k)
      evicted = evicted + 1
      progressed = true
    end
  end
  if not progressed then break end
end
return {#expired, evicted}
`;

/** KEYS: entry, lru, sizes, bytes. ARGV: prefix, ttl ms, ccr key. Returns the original or nil. */
export const GET_SCRIPT = `${NOW}${SWEEP}
local value = redis.call('GET', KEYS[1])
if not value then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], now, ARGV[3])
return value
`;

/** KEYS: entry (unused), lru, sizes, bytes. ARGV: prefix, ttl ms. Returns {entries, bytes}. */
export const STATS_SCRIPT = `${NOW}${SWEEP}
return {redis.call('ZCARD', KEYS[2]), tonumber(redis.call('GET', KEYS[4]) or '0')}
`;
