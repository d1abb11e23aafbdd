#!/usr/bin/env bash
# One entry point: ./run.sh (start the service), ./run.sh test, ./run.sh demo, ./run.sh backup <file>,
# ./run.sh migrate-to <jdbc-url>.
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/tracker.jar

need_java() {
  # a JDK is all it takes: ./mvnw fetches Maven itself (once, from Maven Central) when it is not installed
  command -v java >/dev/null && command -v javac >/dev/null || {
    echo "run.sh: needs a Java 17 JDK: apt-get install -y openjdk-17-jdk-headless (or any JDK 17+ on PATH)" >&2; exit 1; }
}

need_chromium() {
  # the browser tests drive Debian's chromium through its chromedriver; nothing is downloaded at test time
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing chromium and chromium-driver for the browser tests..." >&2
    apt-get update && apt-get install -y chromium chromium-driver
  else
    echo "run.sh: the browser tests need Chromium: run 'sudo apt-get install -y chromium chromium-driver', then again" >&2; exit 1
  fi
}

need_postgres() {
  # the suite runs twice, on SQLite and on PostgreSQL (TEST_POSTGRES_URL, by default the local server, user postgres)
  [ -n "${TEST_POSTGRES_URL:-}" ] && return 0
  command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: the tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth): run 'sudo apt-get install -y postgresql' and start it, or set TEST_POSTGRES_URL" >&2; exit 1
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "run.sh: installing PostgreSQL for the tests' second run..." >&2
    apt-get update && apt-get install -y postgresql
    # local connections without a password, as on the machines this project is built on (a test server only)
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' /etc/postgresql/*/main/pg_hba.conf
  fi
  echo "run.sh: starting PostgreSQL..." >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main reload || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  echo "run.sh: PostgreSQL did not start; see /var/log/postgresql/" >&2; exit 1
}

build_if_needed() {
  # rebuild when any source, migration or the pom is newer than the jar (not db/*.sqlite: the service writes it)
  if [ ! -f "$JAR" ] || [ -n "$(find src db/migration pom.xml -newer "$JAR" -type f 2>/dev/null | head -n 1)" ]; then
    echo "run.sh: building (./mvnw package, tests skipped)..." >&2
    ./mvnw -q -B -DskipTests package
  fi
}

# the class-data-sharing archive the build makes (pom.xml, tracker.Training): about half the start-up; skipped when
# older than the jar, and the JVM itself refuses one that does not match the jar (it then starts without)
cds() {
  if [ -f target/tracker.jsa ] && [ target/tracker.jsa -nt "$JAR" ]; then echo "-XX:SharedArchiveFile=target/tracker.jsa"; fi
}

cmd="${1:-serve}"
case "$cmd" in
  serve|start)
    need_java; build_if_needed
    mkdir -p db
    exec java ${JAVA_OPTS:--Xmx256m} $(cds) -jar "$JAR"
    ;;
  test)
    # the whole suite on SQLite, then again on PostgreSQL (pom.xml: surefire's second execution, TEST_ENGINE=postgresql)
    need_java; need_chromium; need_postgres
    # databases a killed test run left behind (a finished run drops its own)
    if [ -z "${TEST_POSTGRES_URL:-}" ] && command -v psql >/dev/null; then
      for d in $(psql -qAt -h 127.0.0.1 -U postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 'tracker\_t%'" 2>/dev/null); do
        psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
      done
    fi
    exec ./mvnw -B verify
    ;;
  demo)
    # the service with the simulator forced on, then a few order journeys played through its API
    need_java; build_if_needed
    mkdir -p db
    port="${PORT:-7070}"
    ESMS_SIMULATOR=on PORT="$port" java ${JAVA_OPTS:--Xmx256m} $(cds) -jar "$JAR" &
    server=$!
    trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' INT TERM EXIT
    echo "run.sh: waiting for the service on port $port..." >&2
    for _ in $(seq 1 60); do
      curl -fsS "http://localhost:$port/health" >/dev/null 2>&1 && break
      kill -0 $server 2>/dev/null || { echo "run.sh: the service did not start (see above)" >&2; exit 1; }
      sleep 0.5
    done
    java -cp "$JAR" tracker.simulator.Demo "http://localhost:$port"
    echo "run.sh: demo played; the service keeps running at http://localhost:$port (Ctrl-C to stop)" >&2
    wait $server
    ;;
  backup)
    # a consistent copy while the service runs (SQLite VACUUM INTO); same DATABASE_URL as the service
    [ -n "${2:-}" ] || { echo "usage: ./run.sh backup <file>   e.g. ./run.sh backup backups/journeys-\$(date +%F).sqlite" >&2; exit 2; }
    need_java; build_if_needed
    exec java -cp "$JAR" tracker.ops.Backup "$2"
    ;;
  migrate-to)
    # the SQLite database DATABASE_URL names, moved to an empty PostgreSQL database; the service must be stopped
    [ -n "${2:-}" ] || { echo "usage: ./run.sh migrate-to <jdbc:postgresql://host/db?user=...&password=...>" >&2; exit 2; }
    need_java; build_if_needed
    exec java -cp "$JAR" tracker.ops.MigrateTo "$2"
    ;;
  *)
    echo "usage: ./run.sh [serve|test|demo|backup <file>|migrate-to <jdbc-url>]" >&2; exit 2
    ;;
esac
