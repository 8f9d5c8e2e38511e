# shellcheck shell=bash
# Kafka-specific settings shared by the scripts in this folder. Source it after ../lib/common.sh.

# Kafka 3.9 is the newest 3.x line and runs on Java 17. Kafka 4.0 removed the oldest versions of
# several protocol APIs (KIP-896), which older clients such as kafkajs 2.x may still send.
export KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
export KAFKA_SCALA_VERSION="${KAFKA_SCALA_VERSION:-2.13}"
export KAFKA_HOME="$KAFKAGUARD_CACHE/kafka-$KAFKA_VERSION"
export KAFKA_LIBS="$KAFKA_HOME/libs"
export KAFKA_INSTALL_MARKER="$KAFKA_HOME/.installed"

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
