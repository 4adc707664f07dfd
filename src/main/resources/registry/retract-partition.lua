-- KEYS: partitions set, entries hash, order zset, data types hash, version. ARGV: partition.
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return 1
