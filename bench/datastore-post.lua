-- wrk script for DatastoreBench (bench/RESULTS.md, datastore): POSTs the strain document in the
-- file $STRAIN_DOC to /datastore/streamdata on every connection, and prints one line the bench
-- reads: RESULT <requests> <errors> <p50 µs> <p99 µs>. Errors are non-2xx answers and socket
-- errors (connect, read, write, timeout).
local f = assert(io.open(os.getenv("STRAIN_DOC"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
