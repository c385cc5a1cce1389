-- wrk script for bench/councils-national: each request is one voter's secret ballot,
-- voters numbered from 1 across all threads (voter n uses session cookie bench-n); a
-- thread stops once its next voter would be past the last one (args: per_base, voters, threads).
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  per_base = tonumber(args[1])
  voters = tonumber(args[2])
  nthreads = tonumber(args[3])
  n = id
end
function request()
  local voter = n + 1
  n = n + nthreads
  local base = math.floor((voter - 1) / per_base) + 1
  local path = string.format("/motions/00000011-0000-4000-8000-%012x/votes", base)
  local body = '{"choice":' .. (voter % 3) .. '}'
  return wrk.format("POST", path, { ["content-type"] = "application/json", ["cookie"] = "cordon_session=bench-" .. voter, ["x-csrf-token"] = "bench-csrf" }, body)
end
function response(status, headers, body)
  if n + 1 > voters then wrk.thread:stop() end
end
