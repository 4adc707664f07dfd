-- wrk script: heartbeat publishes of 10 existing connections a request (what DAQ applications do
-- every second), cycling through the 1,000 connections of the partition.
wrk.method = "POST"
wrk.path = "/publish"
wrk.headers["Content-Type"] = "application/json"

local bodies = {}
for b = 0, 99 do
  local items = {}
  for i = 0, 9 do
    local n = b * 10 + i
    items[#items + 1] = string.format(
      '{"connection_type":0,"data_type":"TPSet","uid":"DRO-%03d-tp_to_trigger","uri":"tcp://192.168.1.%d:%d"}',
      n, n % 250, 10000 + n)
  end
  bodies[#bodies + 1] = '{"partition":"bench","connections":[' .. table.concat(items, ",") .. ']}'
end
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end
