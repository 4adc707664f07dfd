-- Atomic lookup. KEYS: partitions set, entries hash, order zset, data types hash, version.
-- ARGV: partition, the version the caller has cached ("" if none), then the uids it wants.
-- Returns {-1} for an unknown partition; {0, version, uids, data_types, entries} (everything, in
-- insertion order) when the caller's version is stale; else {1, version, entries of the uids asked}.
local function hmget(key, ids)
  local out = {}
  for i = 1, #ids, 1000 do
    local part = redis.call('HMGET', key, unpack(ids, i, math.min(i + 999, #ids)))
    for _, v in ipairs(part) do table.insert(out, v) end
  end
  return out
end
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return {-1}
end
local version = redis.call('GET', KEYS[5]) or '0'
if version ~= ARGV[2] then
  local uids = redis.call('ZRANGE', KEYS[3], 0, -1)
  return {0, version, uids, hmget(KEYS[4], uids), hmget(KEYS[2], uids)}
end
local wanted = {}
for i = 3, #ARGV do table.insert(wanted, ARGV[i]) end
return {1, version, hmget(KEYS[2], wanted)}
