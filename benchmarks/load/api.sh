# Sourced by benchmarks/load/run and benchmarks/load/live (from the repository root): building in Release, starting
# the API as a real process on a SQLite file (Production settings, a test signing key, rate limit lifted), waiting
# for /health/ready, minting tokens, stopping it. The caller sets `trap load_stop_api EXIT` (or calls it in its own
# trap) so the API never outlives the script.

load_signing_key="load-test-signing-key-0123456789abcdef"
api_dll=artifacts/bin/SocialCapital.Api/release/SocialCapital.Api.dll
cli_dll=artifacts/bin/SocialCapital.Cli/release/SocialCapital.Cli.dll
api_pid=""

# load_build LOG PROJECT...: builds each project in Release; on failure prints the log and fails.
load_build() {
  local log=$1 project; shift
  for project in "$@"; do
    dotnet build "$project" -c Release -v quiet -nologo > "$log" 2>&1 || { cat "$log"; return 1; }
  done
}

# load_start_api PORT STORE SEED LOG: starts the API in the background (its pid in $api_pid) on the SQLite file STORE,
# seeded from the dataset folder SEED when the file is empty (an empty SEED: no seeding).
load_start_api() {
  local port=$1 store=$2 seed=$3 log=$4
  if curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; then
    echo "port $port is already taken (another API?): set SC_LOAD_PORT" >&2; return 1
  fi
  ASPNETCORE_ENVIRONMENT=Production \
  Jwt__SigningKey="$load_signing_key" \
  Store__Path="$store" Store__Seed="$seed" \
  Limits__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning \
    dotnet "$api_dll" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Api" > "$log" 2>&1 &
  api_pid=$!
}

# load_wait_ready PORT LOG [TIMEOUT_S=120]: waits until /health/ready answers 200; fails (printing the API's log) when
# the API exits or the timeout passes.
load_wait_ready() {
  local port=$1 log=$2 timeout=${3:-120} start=$SECONDS
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    if ! kill -0 "$api_pid" 2>/dev/null; then echo "the API exited before it was ready:" >&2; cat "$log" >&2; return 1; fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then echo "the API was not ready after $timeout s:" >&2; cat "$log" >&2; return 1; fi
    sleep 0.2
  done
}

# load_stop_api: stops the API started by load_start_api (SIGTERM, then SIGKILL after 30 s), if it runs.
load_stop_api() {
  [ -n "$api_pid" ] || return 0
  kill "$api_pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$api_pid" 2>/dev/null && [ "$waited" -lt 150 ]; do sleep 0.2; waited=$((waited + 1)); done
  kill -9 "$api_pid" 2>/dev/null || true
  wait "$api_pid" 2>/dev/null || true
  api_pid=""
}

# load_token ROLE: a token for ROLE (coach, analyst, admin) in every area, signed with the test key (outside Development
# a token without areas sees no individual).
load_token() { Jwt__SigningKey="$load_signing_key" dotnet "$cli_dll" token --role "$1" --subject "load-$1" --areas '*'; }
