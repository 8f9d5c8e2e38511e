# shellcheck shell=bash
# Kafka-specific settings shared by the scripts in this folder. Source it after ../lib/common.sh.

# 3.9.1 is the floor: the newest 3.x line, the last that KafkaJS 2.x can talk to (Kafka 4.0 removed the oldest
# versions of several protocol APIs, KIP-896). KAFKA_VERSION=4.4.0 runs Kafka 4 the same way (KRaft only,
# log4j2 logging).
export KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
[[ "$KAFKA_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "KAFKA_VERSION must look like 3.9.1 or 4.4.0, got '$KAFKA_VERSION'"
export KAFKA_MAJOR_VERSION="${KAFKA_VERSION%%.*}"
export KAFKA_SCALA_VERSION="${KAFKA_SCALA_VERSION:-2.13}"
# Bump KAFKA_INSTALL_LAYOUT whenever install.sh's dependency list changes: a new folder is installed beside the
# old one, so brokers still running from the old jars never see them replaced.
KAFKA_INSTALL_LAYOUT=2
export KAFKA_HOME="$KAFKAGUARD_CACHE/kafka-$KAFKA_VERSION-l$KAFKA_INSTALL_LAYOUT"
export KAFKA_LIBS="$KAFKA_HOME/libs"
export KAFKA_INSTALL_MARKER="$KAFKA_HOME/.installed"
# Logging of the command-line tools: warnings only, on stderr (VerifiableProducer's stdout is its JSON output).
export KAFKA_TOOLS_LOG_CONFIG_DIR="$KAFKA_HOME/config"
# A cluster's data belongs to the Kafka version that formatted it: each version gets its own folder.
export KAFKA_DATA_DIR="$KAFKA_CLUSTER_DIR/kafka-$KAFKA_VERSION"

# Node ids 1..3 map, in order, onto KAFKA_BROKER_PORTS and KAFKA_CONTROLLER_PORTS.
export KAFKA_NODE_IDS="1 2 3"
# Heap per broker process (three run at once).
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx384m}"

kafka_port_of() { # kafka_port_of <node-id> <space-separated port list>
  local id="$1" ports
  read -r -a ports <<<"$2"
  [[ "$id" =~ ^[1-3]$ ]] || die "unknown node id '$id' (expected 1, 2 or 3)"
  printf '%s' "${ports[$((id - 1))]}"
}

# The JVM options that point Kafka's logging at a config file: log4j 1 (via reload4j) up to 3.x, log4j2 from 4.0.
kafka_log_opts() { # kafka_log_opts <dir holding log4j.properties and log4j2.properties>
  if [[ "$KAFKA_MAJOR_VERSION" -ge 4 ]]; then
    printf '%s' "-Dlog4j2.configurationFile=file:$1/log4j2.properties"
  else
    printf '%s' "-Dlog4j.configuration=file:$1/log4j.properties"
  fi
}

# Class-data sharing: the first run of node 1 records the classes it loads into an archive when it
# stops cleanly; later JVMs map that archive and start in about half the time on a 2-core machine.
# The archive is bound to the JVM build and the classpath, so its name carries the JVM version and
# install.sh deletes it when it replaces the jars.
cds_archive() {
  if [[ -z "${CDS_ARCHIVE:-}" ]]; then
    local vm
    vm="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.vm\.version = //p' | tr -c 'A-Za-z0-9._\n-' '_')"
    CDS_ARCHIVE="$KAFKA_HOME/cds/kafka-${vm:-unknown}.jsa"
  fi
  printf '%s' "$CDS_ARCHIVE"
}

# The explicit, sorted classpath (a "libs/*" wildcard expands in directory order, which the
# class-data archive would not match).
kafka_classpath() {
  local cp
  cp="$(printf '%s:' "$KAFKA_LIBS"/*.jar)"
  printf '%s' "${cp%:}"
}

# Sets KAFKA_TOOL_JAVA to the java command line that runs a Kafka command-line tool class
# (kafka.tools.StorageTool, org.apache.kafka.tools.VerifiableProducer, ...), class and arguments to follow.
kafka_tool_java() {
  local archive
  archive="$(cds_archive)"
  KAFKA_TOOL_JAVA=(java)
  [[ -s "$archive" ]] && KAFKA_TOOL_JAVA+=("-XX:SharedArchiveFile=$archive")
  KAFKA_TOOL_JAVA+=("$(kafka_log_opts "$KAFKA_TOOLS_LOG_CONFIG_DIR")" -cp "$(kafka_classpath)")
}

kafka_tool() { # kafka_tool <class> [arguments]
  kafka_tool_java
  "${KAFKA_TOOL_JAVA[@]}" "$@"
}
