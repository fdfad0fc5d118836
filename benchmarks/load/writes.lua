-- PUT /people/{id}: each connection keeps rewriting a few hundred people of its own (creates, then updates).
local token = os.getenv("SC_TOKEN")
local n = 0
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

request = function()
  n = n + 1
  local body = string.format('{"kind":"citizen","area":"A1","employment":"unemployed","ses":%.3f,"languages":["en"]}', (n % 1000) / 1000)
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  return wrk.format("PUT", string.format("/people/load-%d-%d", tid or 0, n % 200), headers, body)
end
