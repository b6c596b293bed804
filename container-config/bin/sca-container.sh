#!/usr/bin/env bash
# Starts the Restcomm SIP Servlets container (Tomcat 7) in the foreground.
#
# Tomcat 7's catalina.sh passes -Djava.endorsed.dirs, which JDK 9+ rejects, so this script
# launches org.apache.catalina.startup.Bootstrap itself. Ctrl-C (SIGINT) or SIGTERM runs
# Catalina's shutdown hook and the JVM exits; the SHUTDOWN port is disabled because a
# jain-sip thread keeps the JVM alive after a port-initiated shutdown.
#
# Environment (all optional):
#   SCA_BIND_ADDRESS      SIP bind address (0.0.0.0: every interface)        (127.0.0.1)
#   SCA_PUBLIC_HOST       the host phones and the PBX reach the server at: Via, Contact,
#                         the demo line's host              (SCA_BIND_ADDRESS unless 0.0.0.0)
#   SCA_SIP_PORT          SIP port, UDP and TCP                              (5060)
#   SCA_TLS_PORT          SIP over TLS port                                  (5061)
#   SCA_TLS_KEYSTORE      PKCS#12 or JKS keystore with the server's certificate; without
#                         it a self-signed one is made at the first start
#                         ($CATALINA_BASE/conf/sca-tls.p12)
#   SCA_TLS_KEYSTORE_PASSWORD  its password
#   SCA_HTTP_ADDRESS      HTTP bind address (manager console, admin view)    (127.0.0.1)
#   SCA_HTTP_PORT         HTTP port                                          (8080)
#   SCA_LINES_FILE        shared-line configuration        ($CATALINA_BASE/conf/sca-lines.properties)
#   SCA_MANAGER_USER      Tomcat manager user; with SCA_MANAGER_PASSWORD enables /manager
#   SCA_MANAGER_PASSWORD  no default: without both, nobody can log in to the manager
#   SCA_ADMIN_USER        operator's view (/sca/: page, API, metrics), role sca-admin;
#   SCA_ADMIN_PASSWORD    no default: without both, nobody can log in to it
#   SCA_JMX_PORT          JMX on 127.0.0.1 at this port, WITHOUT authentication; for the
#                         integration tests' Arquillian adapter (none by default)
#   CATALINA_BASE         instance directory (conf, webapps, logs)             (this container)
#   JAVA_OPTS             extra JVM options; naming a collector (-XX:+Use...GC) replaces ours
set -euo pipefail

CATALINA_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CATALINA_BASE=${CATALINA_BASE:-$CATALINA_HOME}
mkdir -p "$CATALINA_BASE"/{logs,temp,work}

xml_escape() { local s=$1; s=${s//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; s=${s//\"/&quot;}; printf '%s' "$s"; }

# The container's user database is written at every start from the environment, so no
# password ever sits in the distribution. The two accounts need different names (Tomcat keeps
# the last entry of a name).
user_entry() { # user password roles
  printf '  <user username="%s" password="%s" roles="%s"/>\n' "$(xml_escape "$1")" "$(xml_escape "$2")" "$3"
}
{
  echo "<?xml version='1.0' encoding='utf-8'?>"
  echo "<!-- Written by sca-container.sh from SCA_MANAGER_USER / SCA_MANAGER_PASSWORD and SCA_ADMIN_USER / SCA_ADMIN_PASSWORD. -->"
  echo "<tomcat-users>"
  if [[ -n "${SCA_MANAGER_USER:-}" && -n "${SCA_MANAGER_PASSWORD:-}" ]]; then
    echo "  <role rolename=\"manager-script\"/>"
    echo "  <role rolename=\"manager-gui\"/>"
    user_entry "$SCA_MANAGER_USER" "$SCA_MANAGER_PASSWORD" "manager-script,manager-gui"
  fi
  if [[ -n "${SCA_ADMIN_USER:-}" && -n "${SCA_ADMIN_PASSWORD:-}" ]]; then
    echo "  <role rolename=\"sca-admin\"/>"
    user_entry "$SCA_ADMIN_USER" "$SCA_ADMIN_PASSWORD" "sca-admin"
  fi
  echo "</tomcat-users>"
} > "$CATALINA_BASE/conf/tomcat-users.xml"
chmod 600 "$CATALINA_BASE/conf/tomcat-users.xml"

BIND_ADDRESS=${SCA_BIND_ADDRESS:-127.0.0.1}
case "$BIND_ADDRESS" in
  0.0.0.0|::|'[::]') DEFAULT_PUBLIC_HOST=$(hostname -f 2>/dev/null || hostname) ;;
  *) DEFAULT_PUBLIC_HOST=$BIND_ADDRESS ;;
esac
PUBLIC_HOST=${SCA_PUBLIC_HOST:-$DEFAULT_PUBLIC_HOST}

# TLS: the operator's certificate, or one made here once and kept, so phones that pinned it
# at the first start still trust it after a restart.
if [[ -n "${SCA_TLS_KEYSTORE:-}" ]]; then
  TLS_KEYSTORE=$SCA_TLS_KEYSTORE
  TLS_PASSWORD=${SCA_TLS_KEYSTORE_PASSWORD:?SCA_TLS_KEYSTORE needs SCA_TLS_KEYSTORE_PASSWORD}
else
  TLS_KEYSTORE=$CATALINA_BASE/conf/sca-tls.p12
  if [[ ! -s "$TLS_KEYSTORE" || ! -s "$TLS_KEYSTORE.password" ]]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$TLS_KEYSTORE.password")
    rm -f "$TLS_KEYSTORE"
    case "$PUBLIC_HOST" in
      *[!0-9.]*) SAN="dns:$PUBLIC_HOST" ;;
      *) SAN="ip:$PUBLIC_HOST" ;;
    esac
    "${JAVA_HOME:+$JAVA_HOME/bin/}keytool" -genkeypair -keystore "$TLS_KEYSTORE" -storetype PKCS12 \
      -storepass "$(cat "$TLS_KEYSTORE.password")" -alias sca -keyalg RSA -keysize 2048 -validity 3650 \
      -dname "CN=$PUBLIC_HOST" -ext "san=$SAN" >/dev/null 2>&1
    chmod 600 "$TLS_KEYSTORE"
    echo "sca-container: no SCA_TLS_KEYSTORE given; made a self-signed certificate for $PUBLIC_HOST in $TLS_KEYSTORE" >&2
  fi
  TLS_PASSWORD=$(cat "$TLS_KEYSTORE.password")
fi
# JAIN SIP's TLS listener takes the JVM's default key store. The password goes through an
# argument file only the owner reads, so it never shows in the process list.
TLS_ARGS=$CATALINA_BASE/conf/tls.args
(umask 077; printf -- '-Djavax.net.ssl.keyStore=%s\n-Djavax.net.ssl.keyStorePassword=%s\n' \
  "$(printf '%q' "$TLS_KEYSTORE")" "$(printf '%q' "$TLS_PASSWORD")" > "$TLS_ARGS")

# Redeploy and undeploy on JDK 17 need these (Tomcat 7 clears caches reflectively).
OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED"

# Latency is set by young collections: a call keeps its transactions for up to 32 s
# (Timer J, UDP), so all a young collection finds alive it must copy, and a larger young
# generation only makes each pause longer. The parallel collector copies that in the fewest
# CPU seconds (G1 and ZGC were slower), and a 16 MiB young generation keeps each pause short:
# side-by-side benchmark, 2 cores, 3 runs, NOTIFY p99 at 40 / 80 cycles/s 17.8 / 25.0 ms
# against 19.3 / 32.5 ms with 24 MiB and 23.7 / 50-75 ms with 64 MiB, for about a tenth more
# CPU at 40/s. It has no concurrent old-generation collection: see the heap below.
GC_OPTS="-XX:+UseParallelGC -Xmn16m"
case " ${JAVA_OPTS:-} " in *" -XX:+Use"*"GC "*) GC_OPTS="" ;; esac

# The heap starts at 1 GiB (it is used as the calls promote, not at once) where the JVM's default
# maximum, a quarter of the memory the machine or its cgroup gives, is at least that. Otherwise
# the parallel collector shrinks the old generation after each full collection, and at 80 calls/s
# it then collected it in full every ~5 s, 190-310 ms each (side-by-side benchmark: p99 211 ms;
# with 1 GiB 47 ms, no full collection in the window). An -Xms or -Xmx of the user's wins.
memory_kib() {
  local kib cgroup limit
  kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
  for cgroup in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    limit=$(cat "$cgroup" 2>/dev/null) || continue
    if [[ $limit =~ ^[0-9]+$ ]] && (( limit / 1024 < kib )); then
      kib=$(( limit / 1024 ))
    fi
  done
  echo "${kib:-0}"
}
if [[ -n $GC_OPTS ]]; then
  case " ${JAVA_OPTS:-} " in
    *" -Xms"*|*" -Xmx"*|*"RAMPercentage="*) ;;
    *) if (( $(memory_kib) >= 4 * 1024 * 1024 )); then GC_OPTS="$GC_OPTS -Xms1g"; fi ;;
  esac
fi

# Arquillian's Tomcat adapter reads a deployment's servlets over remote JMX and connects
# without credentials: so JMX listens on loopback only, and only when asked.
JMX_OPTS=""
if [[ -n "${SCA_JMX_PORT:-}" ]]; then
  JMX_OPTS="-Dcom.sun.management.jmxremote.port=$SCA_JMX_PORT -Dcom.sun.management.jmxremote.rmi.port=$SCA_JMX_PORT
 -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1
 -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
fi

# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" $GC_OPTS ${JAVA_OPTS:-} $OPENS $JMX_OPTS \
  -Dcatalina.home="$CATALINA_HOME" -Dcatalina.base="$CATALINA_BASE" \
  -Djava.io.tmpdir="$CATALINA_BASE/temp" \
  -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
  -Djava.util.logging.config.file="$CATALINA_BASE/conf/logging.properties" \
  -Djavax.servlet.sip.ar.spi.SipApplicationRouterProvider=org.sca.stack.ScaApplicationRouterProvider \
  -Dsca.bind.address="$BIND_ADDRESS" \
  -Dsca.public.host="$PUBLIC_HOST" \
  -Dsca.sip.port="${SCA_SIP_PORT:-5060}" \
  -Dsca.tls.port="${SCA_TLS_PORT:-5061}" \
  "@$TLS_ARGS" \
  -Dsca.http.address="${SCA_HTTP_ADDRESS:-127.0.0.1}" \
  -Dsca.http.port="${SCA_HTTP_PORT:-8080}" \
  -Dsca.lines.file="${SCA_LINES_FILE:-$CATALINA_BASE/conf/sca-lines.properties}" \
  -Dsca.config.fail-fast=true \
  -classpath "$CATALINA_HOME/bin/bootstrap.jar:$CATALINA_HOME/bin/tomcat-juli.jar" \
  org.apache.catalina.startup.Bootstrap start
