#!/bin/bash
# 1,000 idle TCP connections from 127.0.0.1 against the assembled container (target/container,
# `mvn -o package -DskipTests` first), with its own CATALINA_BASE under target/ and no
# application: prints the container's threads and the connections it keeps before, ~10 s and
# ~35 s after they were opened. `before` runs JAIN SIP's default network layer instead of
# org.sca.stack.ScaNetworkLayer. Bounded: about a minute. Run it alone (flock /tmp/sca-it.lock).
set -euo pipefail
MODE=${1:-after}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BASE=$ROOT/target/idle-connections-$MODE
rm -rf "$BASE"; mkdir -p "$BASE"; cp -r "$ROOT/target/container/conf" "$BASE/"
if [[ $MODE == before ]]; then
  sed -i -e '/^gov.nist.javax.sip.NETWORK_LAYER=/d' -e 's/org.sca.stack.SipFlows,//' "$BASE/conf/sip-stack.properties"
fi
PORT=${PORT:-25060}
CATALINA_BASE=$BASE SCA_SIP_PORT=$PORT SCA_TLS_PORT=$((PORT + 1)) SCA_HTTP_PORT=$((PORT + 20)) JAVA_OPTS=-Xmx256m \
  bash "$ROOT/target/container/bin/sca-container.sh" > "$BASE/console.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until ss -Hltn "( sport = :$PORT )" | grep -q .; do sleep 0.5; done
sleep 3
count() {
  echo "$MODE, $1: $(awk '/^Threads/ {print $2}' /proc/$PID/status) threads," \
    "$(ss -Htn state established "( sport = :$PORT )" | wc -l) connections established"
}
count "before connecting"
java "$ROOT/integration-tests/tools/IdleConnections.java" "$PORT" 1000 40 &
CLIENT=$!
sleep 12; count "~10 s after"
sleep 25; count "~35 s after"
wait $CLIENT
grep -h 'refused' "$BASE/console.log" || true
