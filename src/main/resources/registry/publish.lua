-- Atomic batch publish. KEYS: partitions set, entries hash, order zset, data types hash, version, sequence.
-- ARGV: partition, then (uid, data_type, entry JSON) triples. A new uid or a changed data_type gives the
-- partition a new version (from the global sequence, so a re-created partition never repeats one),
-- which tells hubs that their cached matches are stale. Answers {partitions, entries of this partition}.
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[5]) == 0 then
  redis.call('SET', KEYS[5], redis.call('INCR', KEYS[6]))
end
local structural = false
for i = 2, #ARGV, 3 do
  local uid, dt, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local old = redis.call('HGET', KEYS[4], uid)
  if not old then
    redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[6]), uid)
    structural = true
  elseif old ~= dt then
    structural = true
  end
  redis.call('HSET', KEYS[4], uid, dt)
  redis.call('HSET', KEYS[2], uid, json)
end
if structural then
  redis.call('SET', KEYS[5], redis.call('INCR', KEYS[6]))
end
return {redis.call('SCARD', KEYS[1]), redis.call('HLEN', KEYS[2])}
