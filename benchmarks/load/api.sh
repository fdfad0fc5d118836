# Sourced by benchmarks/load/run, live, lifecycle and coaching (from the repository root): building in Release, starting
# the API as a real process on a SQLite file (Production settings, a test signing key, rate limit lifted), waiting
# for /health/ready, minting tokens, stopping it, timing calls. The caller sets `trap load_stop_api EXIT` (or calls it
# in its own trap) so the API never outlives the script.

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

# load_token ROLE [SUBJECT=load-ROLE] [AREAS=*]: a token for ROLE (coach, analyst, admin) naming SUBJECT, in the areas
# AREAS (comma-separated; * every area), signed with the test key (outside Development a token without areas sees no
# individual).
load_token() {
  Jwt__SigningKey="$load_signing_key" dotnet "$cli_dll" token --role "$1" --subject "${2:-load-$1}" --areas "${3:-*}"
}

# load_call METHOD PATH TOKEN [BODY]: calls $load_api/PATH with a bearer token (and BODY as JSON), the answer's body into
# the file $load_body, the time the client saw (curl's time_total) in ms on stdout; fails, printing the status and the
# start of the body, on a non-2xx answer. The caller sets load_api (http://host:port) and load_body.
load_call() {
  local code
  code=$(curl -s -o "$load_body" -w '%{http_code} %{time_total}' -X "$1" -H "Authorization: Bearer $3" \
    ${4:+-H "Content-Type: application/json" -d "$4"} "$load_api$2")
  case "${code%% *}" in 2*) ;; *) echo "$1 $2: HTTP ${code%% *}: $(head -c 400 "$load_body")" >&2; return 1 ;; esac
  awk -v s="${code#* }" 'BEGIN { printf "%.1f", s * 1000 }'
}

# load_percentile P: the P-th percentile (nearest rank, 0–100) of the numbers on stdin, one a line.
load_percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR - 1) * p / 100) + 1; print v[i] }'; }

# load_latency_row LABEL FILE: a Markdown table row `| LABEL | p50 | p95 | max |` of the times in FILE, one a line.
load_latency_row() {
  printf '| %s | %s | %s | %s |\n' "$1" "$(load_percentile 50 < "$2")" "$(load_percentile 95 < "$2")" "$(load_percentile 100 < "$2")"
}
