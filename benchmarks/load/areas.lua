-- GET /areas (the analyst's report; served from the snapshot's cached area measures).
local token = os.getenv("SC_TOKEN")

request = function()
  return wrk.format("GET", "/areas?pageSize=100", { ["Authorization"] = "Bearer " .. token })
end
