-- Mixed load: 9 in 10 requests read mentor matches, 1 in 10 writes a person (PUT /people/{id}), each write
-- followed by reads that must see it (the API guarantees read-your-writes). Uses the admin token for both.
local ids = {}
for line in io.lines(os.getenv("SC_IDS") or "ids.txt") do ids[#ids + 1] = line end
local token = os.getenv("SC_TOKEN")
local n = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

request = function()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if n % 10 == 0 then
    local body = string.format('{"kind":"citizen","area":"A1","employment":"unemployed","ses":%.3f,"languages":["en"]}', (n % 1000) / 1000)
    return wrk.format("PUT", string.format("/people/load-%d-%d", tid or 0, n % 200), headers, body)
  end
  local id = ids[(n % #ids) + 1]
  return wrk.format("GET", "/citizens/" .. id .. "/mentor-matches?top=10", headers)
end
