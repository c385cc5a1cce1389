-- wrk script for bench/supply-santiago: each request is one household's pickup of one
-- unit of a good, recorded by its committee's officer (session cookie officer-N), with a
-- fresh client id. args: the "CARD COOKIE" file, the good's code.
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  pairs_ = {}
  for line in io.lines(args[1]) do
    local card, cookie = line:match("^(%S+) (%S+)$")
    if card then table.insert(pairs_, { card, cookie }) end
  end
  good = args[2]
  nthreads = 2
  n = id
  count = 0
  -- a run-unique part, so a run against an old database records new pickups, not replays
  run = (os.time() + id) % 65536
end
function request()
  local p = pairs_[(n % #pairs_) + 1]
  n = n + nthreads
  count = count + 1
  local uuid = string.format("%08x-%04x-4000-8000-%012x", id + 1, run, count)
  local body = '{"id":"' .. uuid .. '","card":"' .. p[1] .. '","point":"mesa 1","lines":[{"good":"' .. good .. '","quantity":1}]}'
  return wrk.format("POST", "/supply/pickups", { ["content-type"] = "application/json", ["cookie"] = "cordon_session=" .. p[2], ["x-csrf-token"] = "bench-csrf" }, body)
end
