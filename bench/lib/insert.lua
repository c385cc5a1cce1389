-- wrk script for the reference route: one INSERT per request.
local i = 0
function request()
  i = i + 1
  return wrk.format("POST", "/ref", { ["content-type"] = "application/json" }, '{"n":' .. i .. '}')
end
