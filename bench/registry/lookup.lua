-- wrk script: lookups that match 10 of the 1,000 connections published by registry-load.sh.
wrk.method = "POST"
wrk.path = "/getconnection/bench"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"uid_regex":"DRO-00[0-9]-tp_to_trigger","data_type":"TPSet"}'

response = function(status, headers, body)
  if status ~= 200 then
    wrk.thread:stop()
  end
end
