-- Deletes entries of one partition published before a cutoff. KEYS: partitions set, entries hash,
-- order zset, data types hash, version, sequence. ARGV: partition, cutoff (epoch ms). Returns how many.
local entries = redis.call('HGETALL', KEYS[2])
local purged = 0
for i = 1, #entries, 2 do
  local t = cjson.decode(entries[i + 1])['t']
  if t < tonumber(ARGV[2]) then
    redis.call('HDEL', KEYS[2], entries[i])
    redis.call('HDEL', KEYS[4], entries[i])
    redis.call('ZREM', KEYS[3], entries[i])
    purged = purged + 1
  end
end
if purged > 0 then
  redis.call('SET', KEYS[5], redis.call('INCR', KEYS[6]))
  if redis.call('HLEN', KEYS[4]) == 0 then
    redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
    redis.call('SREM', KEYS[1], ARGV[1])
  end
end
return purged
