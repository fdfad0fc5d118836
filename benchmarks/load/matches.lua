-- GET /citizens/{id}/mentor-matches for citizens taken in turn from ids.txt (one id per line).
local ids = {}
for line in io.lines(os.getenv("SC_IDS") or "ids.txt") do ids[#ids + 1] = line end
local token = os.getenv("SC_TOKEN")
local n = 0

request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  return wrk.format("GET", "/citizens/" .. id .. "/mentor-matches?top=10", { ["Authorization"] = "Bearer " .. token })
end
