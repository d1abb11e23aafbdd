#!/usr/bin/env bash
# Benchmark of the delivery tracker: bench/run.sh (full, about 10 minutes) or bench/run.sh --smoke (seconds, no numbers
# asserted); --engine postgresql [--instances 2] runs the service(s) on a fresh PostgreSQL database (BENCH_PG_HOSTPORT,
# BENCH_PG_USER: by default postgres@127.0.0.1:5432, trust auth) and measures seeding, sends, callbacks (spread over the instances) and the
# database check, reporting the PostgreSQL server's CPU beside the service's (no 1 M-event query phase there). Builds the jar (or takes BENCH_JAR=/path/to/tracker.jar as it is), runs it as its own process with -Xmx256m
# on a fresh database, eSMS played by a local stub, seeds messages through the API, measures the send path (open loop,
# the stub answering after 150 ms), drives callbacks and /health/live, checks the database, times queries on a copy
# holding 1 million events, profiles with JFR and prints one table with each target met or not met.
# Knobs: MESSAGES, CALLBACK_SECONDS, WARMUP, CONNS, SEND_RATE, SEND_SECONDS, SEND_CONNS, STUB_DELAY_MS, BENCH_JAR,
# BENCH_JAVA_OPTS, KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MODE=full; ENGINE=sqlite; INSTANCES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke ;;
    --engine) ENGINE=${2:?--engine sqlite|postgresql}; shift ;;
    --instances) INSTANCES=${2:?--instances 1|2}; shift ;;
    *) echo "usage: bench/run.sh [--smoke] [--engine sqlite|postgresql] [--instances 1|2]" >&2; exit 2 ;;
  esac
  shift
done
case "$ENGINE/$INSTANCES" in sqlite/1|postgresql/1|postgresql/2) ;; *) echo "bench: $ENGINE with $INSTANCES instances is not a setup we run (several instances need PostgreSQL)" >&2; exit 2 ;; esac
if [ "$MODE" = smoke ]; then
  MESSAGES=${MESSAGES:-300}; CALLBACK_SECONDS=${CALLBACK_SECONDS:-3}; LIVE_SECONDS=3; RATE=${SEND_RATE:-50}
  RATE_SECONDS=${SEND_SECONDS:-2}; SEND_CONNS=${SEND_CONNS:-20}; QUERY_COUNT=50; EVENTS_TARGET=20000; WARMUP=1
else
  MESSAGES=${MESSAGES:-200000}; CALLBACK_SECONDS=${CALLBACK_SECONDS:-60}; LIVE_SECONDS=20; RATE=${SEND_RATE:-1000}
  RATE_SECONDS=${SEND_SECONDS:-60}; SEND_CONNS=${SEND_CONNS:-300}; QUERY_COUNT=1000; EVENTS_TARGET=1000000
  WARMUP=${WARMUP:-20}
fi
CONNS=${CONNS:-32}
STUB_DELAY_MS=${STUB_DELAY_MS:-150}
HEAP=-Xmx256m
HEAP_CAP_MB=256
# Jetty's request threads by name (comm is cut at 15 characters); the rest besides db-writer is JIT, GC, VM and loops
REQUEST_THREADS='^(JettyServerThre|qtp|ForkJoinPool)'

say() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }
die() { echo "bench: $*" >&2; exit 1; }

# the machine's load before anything of ours runs: above 1.5 (1 min) other work shares the 2 cores, and every
# rate, latency and start time below is lower or longer for it
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
LOAD_BUSY=$(awk -v l="${LOAD_START%% *}" 'BEGIN { print (l > 1.5) ? 1 : 0 }')
load_banner() {
  [ "$LOAD_BUSY" = 1 ] || return 0
  local frame="################################################################################"
  printf '\n%s\n' "$frame"
  printf '#  %-76s#\n' "WARNING: LOAD AVERAGE $LOAD_START BEFORE THIS RUN (1 MINUTE > 1.5)." \
    "Other work is running on this machine: these numbers are NOT COMPARABLE" \
    "with a run on a quiet machine. Stop the other work (or wait) and rerun."
  printf '%s\n\n' "$frame"
}
echo "load average before the run: $(cat /proc/loadavg)"
load_banner

# ---- tools
command -v java >/dev/null && command -v javac >/dev/null \
  || die "needs a JDK 17 (apt-get install -y openjdk-17-jdk-headless); ./mvnw brings Maven itself"
for tool in sqlite3 curl; do
  if ! command -v "$tool" >/dev/null; then
    [ "$(id -u)" = 0 ] || die "$tool is missing: run as root once, or apt-get install -y $tool"
    echo "installing $tool..."; apt-get -o DPkg::Lock::Timeout=300 install -y -q "$tool" >/dev/null
  fi
done
command -v jcmd >/dev/null && command -v jstat >/dev/null && command -v jfr >/dev/null \
  || die "jcmd/jstat/jfr missing: install the full JDK (openjdk-17-jdk-headless)"

if [ -n "${BENCH_JAR:-}" ]; then
  JAR=$(readlink -f "$BENCH_JAR"); [ -f "$JAR" ] || die "BENCH_JAR=$BENCH_JAR: no such file"
  say "benchmarking $JAR as it is (BENCH_JAR); building the load tool"
else
  say "building the service (./mvnw package, tests skipped) and the load tool"
  ./mvnw -q -B -DskipTests package
  JAR=$ROOT/target/tracker.jar
fi
# the class-data-sharing archive the build makes beside the jar, when it is newer; an older jar has none: none used
JSA=${JAR%.jar}.jsa
CDS_OPTS=""
if [ -f "$JSA" ] && [ "$JSA" -nt "$JAR" ]; then CDS_OPTS="-XX:SharedArchiveFile=$JSA"; fi
echo "jar $JAR; class-data-sharing archive: ${CDS_OPTS:-none}"
rm -rf bench/build && javac -d bench/build bench/tool/bench/*.java
BENCH="java -Xmx1g -cp bench/build bench.Bench"

WORK=$(mktemp -d /tmp/tracker-bench.XXXXXX)
RES=$WORK/results.kv
SVC_PID=""; SVC_PID2=""; SAMPLER_PID=""; PG_DB=""
PG_HOSTPORT=${BENCH_PG_HOSTPORT:-127.0.0.1:5432}; PG_USER=${BENCH_PG_USER:-postgres}
PG_ADMIN="postgresql://$PG_USER@$PG_HOSTPORT/postgres"
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$SVC_PID2" ] && kill "$SVC_PID2" 2>/dev/null && wait "$SVC_PID2" 2>/dev/null || true
  [ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  [ -n "$PG_DB" ] && [ "${KEEP:-0}" != 1 ] && psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
  if [ "${KEEP:-0}" = 1 ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
put() { echo "$1=$2" >> "$RES"; }
get() { local v; v=$(grep -h "^$1=" "$RES" "$WORK"/seed.kv 2>/dev/null | tail -n 1 | cut -d= -f2-); echo "${v:-n/a}"; }

SVC_PORT=$($BENCH freeport); STUB_PORT=$($BENCH freeport); SVC_PORT2=$($BENCH freeport)
BASE=http://127.0.0.1:$SVC_PORT
SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$SECRET" > "$WORK/callback-secret"  # to replay callbacks.tsv against a kept database (KEEP=1)
# with the simulator off the service needs a token; the load tool (bench.Conn) sends it on /api/ calls
export API_TOKEN=${API_TOKEN:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}

# starts the service on database $1 (a file, or a JDBC URL), logging to $2; records cold start (launch -> first 200 on
# /health) as $3; with $4 = 2, the second instance (its own port, SVC_PID2)
start_service() {
  local t0 t1 url=$1 port=$SVC_PORT pid
  [[ "$url" == jdbc:* ]] || url="jdbc:sqlite:$url"
  [ "${4:-1}" = 2 ] && port=$SVC_PORT2
  t0=$(date +%s%N)
  PORT=$port PUBLIC_URL=http://127.0.0.1:$port DATABASE_URL="$url" ESMS_SIMULATOR=off \
    ESMS_API_KEY=bench-api-key ESMS_SECRET_KEY=bench-secret-key ESMS_BASE_URL=http://127.0.0.1:$STUB_PORT \
    ESMS_OAID=4097311281936189049 CALLBACK_SECRET=$SECRET \
    java $HEAP -XX:+FlightRecorder $CDS_OPTS ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$2" 2>&1 &
  pid=$!
  if [ "${4:-1}" = 2 ]; then SVC_PID2=$pid; else SVC_PID=$pid; fi
  until curl -fs -o /dev/null -H "Authorization: Bearer $API_TOKEN" "http://127.0.0.1:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$2"; die "the service exited during start-up (log above)"; }
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 60 ] || die "the service did not become healthy in 60 s; see $2"
    sleep 0.01
  done
  t1=$(date +%s%N)
  put "$3" "$(( (t1 - t0) / 1000000 ))"
  echo "service pid $pid (port $port) healthy after $(( (t1 - t0) / 1000000 )) ms"
}

stop_service() {
  if [ -n "$SVC_PID2" ]; then kill "$SVC_PID2"; wait "$SVC_PID2" 2>/dev/null || true; SVC_PID2=""; fi
  kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true; SVC_PID=""
}

# a query on the benchmark's database, whichever the engine ($DB: the SQLite file)
dbq() { if [ "$ENGINE" = postgresql ]; then psql -qAt -F'|' "${PG_ADMIN%/*}/$PG_DB" -c "$1"; else sqlite3 "$DB" "$1"; fi; }

# CPU ticks (1/100 s) of every PostgreSQL server process (backends, WAL writer, checkpointer...), summed
pg_ticks() {
  [ "$ENGINE" = postgresql ] || { echo 0; return; }
  for p in $(pgrep -x postgres); do cut -d')' -f2- "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}'; done | awk '{s += $1} END {print s + 0}'
}

# heap used (KiB) by jstat: survivors + eden + old
heap_used() { jstat -gc "$SVC_PID" | awk 'NR==2 {printf "%d", $3+$4+$6+$8}'; }
heap_after_gc() { jcmd "$SVC_PID" GC.run >/dev/null; sleep 0.5; put "$1" "$(( $(heap_used) / 1024 ))"; }

# CPU ticks (1/100 s) per thread group of the service: "name ticks" lines, names without their numbers
thread_cpu() {
  for t in /proc/"$SVC_PID"/task/* ${SVC_PID2:+/proc/$SVC_PID2/task/*}; do
    printf '%s %s\n' "$(tr ' ' '_' < "$t/comm" | sed 's/[-_#]*[0-9]*$//')" "$(cut -d')' -f2- "$t/stat" | awk '{print $12 + $13}')"
  done 2>/dev/null | awk '{s[$1] += $2} END {for (k in s) print k, s[k]}'
}
# CPU seconds per thread group between two thread_cpu snapshots; $3 = requests, for microseconds per request
cpu_diff() {
  awk -v n="$3" 'NR == FNR {a[$1] = $2; next} {d = $2 - a[$1]; if (d > 0) { t += d; printf "  %-20s %7.2f s  %6.0f us/request\n", $1, d / 100, d * 10000 / n }}
    END {printf "  %-20s %7.2f s  %6.0f us/request\n", "TOTAL", t / 100, t * 10000 / n}' "$1" "$2" | sort -k2 -rn
}

# CPU per request (us) between two thread_cpu snapshots: all, request threads, db-writer, the rest (JIT, GC, VM)
cpu_split() {
  awk -v n="$3" -v req="$REQUEST_THREADS" 'NR == FNR {a[$1] = $2; next}
    {d = $2 - a[$1]; if (d <= 0) next; t += d; if ($1 == "db-writer") w += d; else if ($1 ~ req) r += d; else o += d}
    END {f = 10000 / (n > 0 ? n : 1); printf "%.0f %.0f %.0f %.0f\n", t * f, r * f, w * f, o * f}' "$1" "$2"
}

# samples heap used and RSS every second into mem.tsv (max reported at the end)
start_sampler() {
  ( while kill -0 "$SVC_PID" 2>/dev/null; do
      rss=$(awk '/VmRSS/ {print $2}' /proc/"$SVC_PID"/status 2>/dev/null || echo 0)
      echo "$(heap_used 2>/dev/null || echo 0) $rss" >> "$WORK/mem.tsv"; sleep 1
    done ) &
  SAMPLER_PID=$!
}

say "machine"
put load_before "$LOAD_START"; put load_after_build "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"

DB=$WORK/bench.sqlite; DB_URL=$DB; PORTS=$SVC_PORT
if [ "$ENGINE" = postgresql ]; then
  command -v psql >/dev/null || die "psql is missing: apt-get install -y postgresql-client"
  PG_DB=tracker_bench_$$
  psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" \
    || die "cannot create a database at $PG_ADMIN: is PostgreSQL running? (pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
  DB_URL="jdbc:postgresql://$PG_HOSTPORT/$PG_DB?user=$PG_USER"
  [ "$INSTANCES" = 2 ] && PORTS=$SVC_PORT,$SVC_PORT2
fi
say "starting $INSTANCES service instance(s) on a fresh $ENGINE database (${PG_DB:-$DB})"
start_service "$DB_URL" "$WORK/service.log" cold_start_ms
[ "$INSTANCES" = 2 ] && start_service "$DB_URL" "$WORK/service-2.log" cold_start_2_ms 2
start_sampler

say "seeding $MESSAGES messages through the API, then sends: $RATE/s for $RATE_SECONDS s on $SEND_CONNS connections"
$BENCH seed --base "$BASE" --stub-port "$STUB_PORT" --messages "$MESSAGES" --conns "$CONNS" --out "$WORK" \
  --rate "$RATE" --rate-seconds "$RATE_SECONDS" --send-conns "$SEND_CONNS" --stub-delay-ms "$STUB_DELAY_MS"
heap_after_gc heap_after_seed_mb

say "callbacks: $CONNS connections for $CALLBACK_SECONDS s (JFR recording)"
# JFR's profile settings, minus Jdbi's own statement event (it formats every bound argument: not our cost)
sed 's|</configuration>|<event name="jdbi.statement"><setting name="enabled">false</setting></event></configuration>|' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$WORK/bench.jfc"
jcmd "$SVC_PID" JFR.start name=bench settings="$WORK/bench.jfc" filename="$WORK/callbacks.jfr" >/dev/null
put load_at_callbacks "$(cut -d' ' -f1-3 /proc/loadavg)"
# the warm-up (JIT compilation) is sent and checked in the database but left out of rate, latency and CPU figures
$BENCH load --ports "$PORTS" --conns "$CONNS" --seconds "$CALLBACK_SECONDS" --warmup "$WARMUP" \
  --file "$WORK/callbacks.tsv" --label cb --out "$RES" &
LOAD_PID=$!
sleep "$WARMUP"; thread_cpu > "$WORK/cpu0"; PG0=$(pg_ticks)
wait "$LOAD_PID"
thread_cpu > "$WORK/cpu1"; PG1=$(pg_ticks)
jcmd "$SVC_PID" JFR.stop name=bench >/dev/null
echo "service CPU by thread during the measured callbacks:"
cpu_diff "$WORK/cpu0" "$WORK/cpu1" "$(get cb_measured)" | tee "$WORK/cpu.txt"
read -r CPU_ALL CPU_REQ CPU_WRITER CPU_OTHER < <(cpu_split "$WORK/cpu0" "$WORK/cpu1" "$(get cb_measured)")
CPU_PG=$(awk -v d=$((PG1 - PG0)) -v n="$(get cb_measured)" 'BEGIN { printf "%.0f", d * 10000 / (n > 0 ? n : 1) }')
[ "$ENGINE" = postgresql ] && echo "PostgreSQL server processes: $(( PG1 - PG0 )) ticks, $CPU_PG us per callback"

say "GET /health/live: same $CONNS connections for $LIVE_SECONDS s"
thread_cpu > "$WORK/live0"
$BENCH load --ports "$PORTS" --conns "$CONNS" --seconds "$LIVE_SECONDS" --path /health/live --label live --out "$RES"
thread_cpu > "$WORK/live1"
cpu_diff "$WORK/live0" "$WORK/live1" "$(get live_measured)" > "$WORK/cpu-live.txt"
heap_after_gc heap_after_load_mb

say "checking the database against the answers"
SYNC=$( (grep -o 'synchronous=[0-9A-Za-z]*' "$WORK/service.log" || true) | head -n 1 | cut -d= -f2)
put synchronous "${SYNC:-not logged}"
[ "$ENGINE" = sqlite ] && put journal_mode "$(dbq 'PRAGMA journal_mode')"
EVENTS=$(dbq "SELECT COUNT(*) FROM event WHERE source = 'callback'")
REPEATS=$(dbq "SELECT COALESCE(SUM(repeats - 1), 0) FROM event WHERE source = 'callback'")
put db_callback_events "$EVENTS"; put db_repeats "$REPEATS"
OK=$(get cb_ok); DISTINCT_OK=$(get cb_distinct_ok); DISTINCT_SENT=$(get cb_distinct_sent)
DUPS_OK=$(( OK - DISTINCT_OK ))
CHECK=ok
# every distinct callback answered 2xx is stored once; one that failed on the wire may or may not be stored
[ "$EVENTS" -ge "$DISTINCT_OK" ] && [ "$EVENTS" -le "$DISTINCT_SENT" ] || CHECK="MISMATCH"
[ "$(get cb_non2xx)" = 0 ] && [ "$(get cb_io_errors)" = 0 ] && [ "$EVENTS" != "$DISTINCT_OK" ] && CHECK="MISMATCH"
[ "$REPEATS" -ge "$DUPS_OK" ] || CHECK="MISMATCH"
put db_check "$CHECK"
echo "distinct callbacks answered 2xx: $DISTINCT_OK, callback events stored: $EVENTS;" \
     "duplicates answered 2xx: $DUPS_OK, repeats counted: $REPEATS -> $CHECK"
dbq "SELECT status, COUNT(*) FROM message GROUP BY status" | tr '\n' ' '; echo
heap_after_gc heap_before_stop_mb
put rss_peak_mb "$(( $(awk '/VmHWM/ {print $2}' /proc/"$SVC_PID"/status) / 1024 ))"
stop_service
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
put heap_max_sampled_mb "$(awk '$1 > m {m = $1} END {printf "%d", m / 1024}' "$WORK/mem.tsv")"
put rss_max_sampled_mb "$(awk '$2 > m {m = $2} END {printf "%d", m / 1024}' "$WORK/mem.tsv")"

if [ "$ENGINE" = postgresql ]; then
  say "results ($MODE, PostgreSQL, $INSTANCES instance(s))"
  CB_RATE=$(get cb_rate); LIVE_RATE=$(get live_rate)
  row() { printf '| %-47s | %-46s |\n' "$1" "$2"; }
  {
  row "measure" "value"
  row "-----------------------------------------------" "----------------------------------------------"
  row "engine / instances" "PostgreSQL $(psql -qAt "$PG_ADMIN" -c 'SHOW server_version') / $INSTANCES (callbacks spread over ports $PORTS)"
  row "callbacks/s ($CONNS conns, $(get cb_seconds) s)" "$CB_RATE"
  row "callback latency p50 / p99 / max (saturated)" "$(get cb_p50_ms) / $(get cb_p99_ms) / $(get cb_max_ms) ms"
  row "callback errors (non-2xx / io)" "$(get cb_non2xx) / $(get cb_io_errors) of $(get cb_requests) (incl. warm-up)"
  row "service CPU per callback (all instances)" "$CPU_ALL us (request threads $CPU_REQ, other $CPU_OTHER)"
  row "PostgreSQL server CPU per callback" "$CPU_PG us"
  row "DB: callback events / repeats counted" "$EVENTS / $REPEATS ($CHECK)"
  row "GET /health/live per s: p99" "$LIVE_RATE: $(get live_p99_ms) ms"
  row "sends $RATE/s x $RATE_SECONDS s: p50/p99/max, errors" "$(get send_p50_ms) / $(get send_p99_ms) / $(get send_max_ms) ms, $(get send_errors)"
  row "seeding through the API (closed loop)" "$(get seed_messages) messages at $(get seed_rate)/s"
  row "cold start to /health 200 (first instance)" "$(get cold_start_ms) ms"
  row "load average: start / callbacks" "$(get load_before) / $(get load_at_callbacks)"
  } | tee "$WORK/table.md"
  [ "$MODE" = smoke ] && echo "(smoke run: small numbers)"
  load_banner
  [ "$CHECK" = ok ] || die "database check failed: stored events do not match the 2xx answers (rerun with KEEP=1)"
  exit 0
fi

say "query database: a copy topped up to $EVENTS_TARGET events with SQL"
BIG=$WORK/big.sqlite
cp "$DB" "$BIG"
HAVE=$(sqlite3 "$BIG" "SELECT COUNT(*) FROM event")
MISSING=$(( EVENTS_TARGET > HAVE ? EVENTS_TARGET - HAVE : 0 ))
# extra events spread over the ordinary messages (ids after the 100 of the two 50-message journeys), shaped like callbacks
sqlite3 "$BIG" "
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $MISSING),
       m(lo, cnt) AS (SELECT MIN(id), COUNT(*) FROM message WHERE order_id NOT LIKE 'bench-big-%'),
       d(detail) AS (SELECT detail FROM event WHERE source = 'callback' LIMIT 1)
  INSERT INTO event (message_id, at, type, status, source, repeats, late, conflict, detail, dedupe_key)
  SELECT m.lo + (n.i % m.cnt), 1700000000000 + n.i, 'CALLBACK', 'SENT', 'callback', 1, 0, 0, d.detail, 'topup-' || n.i
  FROM n, m, d WHERE $MISSING > 0;
  ANALYZE;"
put query_db_events "$(sqlite3 "$BIG" 'SELECT COUNT(*) FROM event')"
echo "events in the copy: $(get query_db_events)"
start_service "$BIG" "$WORK/service2.log" cold_start_big_ms
BIG_STATUS=$(sqlite3 "$BIG" "SELECT status FROM journey WHERE order_id = 'bench-big-0'")
BIG_PHONE=$(sqlite3 "$BIG" "SELECT phone FROM message WHERE order_id = 'bench-big-0' LIMIT 1")
FAILED_SMS=$(sqlite3 "$BIG" "SELECT sms_id FROM message WHERE status = 'FAILED' LIMIT 1")
FAILED_SMS=${FAILED_SMS:-none}
put big_journey_events "$(sqlite3 "$BIG" "SELECT COUNT(*) FROM event e JOIN message m ON m.id = e.message_id WHERE m.order_id = 'bench-big-0'")"
$BENCH query --port "$SVC_PORT" --count "$QUERY_COUNT" --out "$RES" \
  --path "journey=/api/journeys/bench-big-0" \
  --path "list_phone=/api/journeys?q=$BIG_PHONE&status=$BIG_STATUS" \
  --path "list_order=/api/journeys?q=bench-o1&status=DELIVERED" \
  --path "list_smsid=/api/journeys?q=$FAILED_SMS&status=FAILED"
heap_after_gc heap_query_run_mb
stop_service

say "profile of the callback run (JFR execution samples)"
$BENCH profile "$WORK/callbacks.jfr" 12 | tee "$WORK/profile.txt"

say "results ($MODE)"
CB_RATE=$(get cb_rate); LIVE_RATE=$(get live_rate)
RATIO=$(awk -v a="$CB_RATE" -v b="$LIVE_RATE" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
HEAP_GC_MAX=$(printf '%s\n' "$(get heap_after_seed_mb)" "$(get heap_after_load_mb)" "$(get heap_before_stop_mb)" \
  "$(get heap_query_run_mb)" | awk '$1 + 0 > m {m = $1 + 0} END {print m + 0}')
STARTS=$( (grep -ho 'started in .*' "$WORK/service.log" || true) | head -n 1 | sed 's/started in //; s/ after JVM launch//')
# a target met or not: "le"/"ge" compare numbers (anything not a number is not met), "yes" takes a condition
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a ~ /^[0-9.]+$/ && a + 0 <= b + 0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a ~ /^[0-9.]+$/ && a + 0 >= b + 0) }'; }
mark() { if "$@"; then echo "met"; else echo "NOT MET"; fi; }
row() { printf '| %-47s | %-46s | %-24s | %-7s |\n' "$1" "$2" "$3" "$4"; }
{
row "measure" "value" "target" "met?"
row "-----------------------------------------------" "----------------------------------------------" "------------------------" "-------"
row "callbacks / GET /health/live (same run/tool)" "$RATIO ($CB_RATE / $LIVE_RATE per s)" ">= 0.50" "$(mark ge "$RATIO" 0.50)"
row "service CPU per callback: all" "$CPU_ALL us" "<= 110 us" "$(mark le "$CPU_ALL" 110)"
row "  request threads / db-writer / other (JIT, GC)" "$CPU_REQ / $CPU_WRITER / $CPU_OTHER us" "" ""
row "callbacks/s ($CONNS conns, $(get cb_seconds) s)" "$CB_RATE" "reported" ""
row "callback latency p50 / p99 / max (saturated)" "$(get cb_p50_ms) / $(get cb_p99_ms) / $(get cb_max_ms) ms" "p99 <= 50 ms" "$(mark le "$(get cb_p99_ms)" 50)"
row "callback errors (non-2xx / io)" "$(get cb_non2xx) / $(get cb_io_errors) of $(get cb_requests) (incl. warm-up)" "0" "$(mark [ "$(get cb_non2xx)$(get cb_io_errors)" = 00 ])"
row "callbacks distinct / duplicates answered 2xx" "$DISTINCT_OK / $DUPS_OK" "" ""
row "DB: callback events / repeats counted" "$EVENTS / $REPEATS ($CHECK)" "= the line above" "$(mark [ "$CHECK" = ok ])"
row "journey of 50 msgs x 5 events: p50 / p99" "$(get journey_p50_ms) / $(get journey_p99_ms) ms ($(get query_db_events) events)" "p99 <= 5 ms, 1 M events" \
  "$(mark eval 'le "$(get journey_p99_ms)" 5 && ge "$(get query_db_events)" 1000000')"
row "sends $RATE/s x $RATE_SECONDS s, $SEND_CONNS conns: p50/p99/max" "$(get send_p50_ms) / $(get send_p99_ms) / $(get send_max_ms) ms" "p99 <= 250 ms" "$(mark le "$(get send_p99_ms)" 250)"
row "  send errors (of which given up, behind)" "$(get send_errors) ($(get send_behind)) of $(( RATE * RATE_SECONDS ))" "0" "$(mark [ "$(get send_errors)" = 0 ])"
row "  eSMS stub: answer p99 / max in flight" "$(get stub_p99_ms) ms / $(get stub_max_in_flight) of $(get stub_threads) threads" "~$STUB_DELAY_MS ms, not full" \
  "$(mark eval 'le "$(get stub_p99_ms)" $((STUB_DELAY_MS + 50)) && [ "$(get stub_max_in_flight)" -lt "$(get stub_threads)" ]')"
row "cold start to /health 200: fresh / 1 M DB" "$(get cold_start_ms) / $(get cold_start_big_ms) ms" "<= 1500 ms (both)" \
  "$(mark eval 'le "$(get cold_start_ms)" 1500 && le "$(get cold_start_big_ms)" 1500')"
row "  start phases (service log, fresh DB)" "${STARTS:-not logged (older build)}" "" ""
row "  class-data-sharing archive" "$([ -n "$CDS_OPTS" ] && { grep -q 'Unable to use shared archive' "$WORK/service.log" && echo "refused by the JVM" || echo used; } || echo none)" "" ""
row "heap cap / max after full GC" "$HEAP_CAP_MB MB / $HEAP_GC_MAX MB" "256 / ~16 MB (<= 18)" "$(mark le "$HEAP_GC_MAX" 18)"
row "  heap after GC: seed, load, end, 2nd run" "$(get heap_after_seed_mb) / $(get heap_after_load_mb) / $(get heap_before_stop_mb) / $(get heap_query_run_mb) MB" "" ""
row "  heap max sampled / RSS peak" "$(get heap_max_sampled_mb) MB / $(get rss_peak_mb) MB" "" ""
row "PRAGMA synchronous (writer) / journal_mode" "$(get synchronous) / $(get journal_mode)" "2 / wal" "$(mark [ "$(get synchronous)/$(get journal_mode)" = 2/wal ])"
row "GET /health/live per s: p99" "$LIVE_RATE: $(get live_p99_ms) ms" "" ""
row "service CPU per live request" "$(awk '/TOTAL/ {print $4}' "$WORK/cpu-live.txt") us" "" ""
row "load generator CPU per request: cb / live" "$(get cb_client_cpu_us) / $(get live_client_cpu_us) us" "" ""
row "seeding through the API (closed loop)" "$(get seed_messages) messages at $(get seed_rate)/s" "" ""
row "list q=phone + status: p50 / p99" "$(get list_phone_p50_ms) / $(get list_phone_p99_ms) ms" "" ""
row "list q=order prefix + status: p50 / p99" "$(get list_order_p50_ms) / $(get list_order_p99_ms) ms" "" ""
row "list q=SMSID + status: p50 / p99" "$(get list_smsid_p50_ms) / $(get list_smsid_p99_ms) ms" "" ""
row "load average: start / after build / callbacks" "$(get load_before) / $(get load_after_build) / $(get load_at_callbacks)" "start <= 1.5" "$(mark [ "$LOAD_BUSY" = 0 ])"
} | tee "$WORK/table.md"
[ "$MODE" = smoke ] && echo "(smoke run: small numbers, the met/not met column means nothing here)"
load_banner
[ "$CHECK" = ok ] || die "database check failed: stored events do not match the 2xx answers (kept nothing; rerun with KEEP=1)"
