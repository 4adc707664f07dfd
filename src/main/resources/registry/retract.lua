-- Atomic retract. KEYS: partitions set, entries hash, order zset, data types hash, version, sequence.
-- ARGV: partition, then uids. Returns {-1} for an unknown partition, else {removed, {unknown uids}}.
-- The partition is deleted when its last entry goes.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return {-1}
end
local removed, unknown = 0, {}
for i = 2, #ARGV do
  if redis.call('HDEL', KEYS[4], ARGV[i]) == 1 then
    redis.call('HDEL', KEYS[2], ARGV[i])
    redis.call('ZREM', KEYS[3], ARGV[i])
    removed = removed + 1
  else
    table.insert(unknown, ARGV[i])
  end
end
if removed > 0 then
  redis.call('SET', KEYS[5], redis.call('INCR', KEYS[6]))
end
if redis.call('HLEN', KEYS[4]) == 0 then
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
  redis.call('SREM', KEYS[1], ARGV[1])
end
return {removed, unknown}
