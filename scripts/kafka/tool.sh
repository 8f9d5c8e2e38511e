#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs one of Apache Kafka's command-line tool classes from the installed jars of $KAFKA_VERSION (installing them
# first if needed), with warnings only, on stderr. For example:
#
#   scripts/kafka/tool.sh org.apache.kafka.tools.VerifiableProducer --bootstrap-server 127.0.0.1:29092 \
#     --topic t --max-messages 1000 --acks -1
#   scripts/kafka/tool.sh org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server ... --topic t
set -euo pipefail
script_dir="$(cd "$(dirname "$0")" && pwd)"
source "$script_dir/../lib/common.sh"
source "$script_dir/env.sh"

[[ $# -ge 1 && "$1" =~ ^[A-Za-z_][A-Za-z0-9_.$]*$ ]] || die "usage: $0 <tool class, e.g. org.apache.kafka.tools.VerifiableProducer> [arguments]"
[[ -f "$KAFKA_INSTALL_MARKER" ]] || "$script_dir/install.sh" >&2
need java "install a Java 17+ runtime"
kafka_tool_java
# exec: the caller's signals (a test stopping the tool) reach the JVM itself.
exec "${KAFKA_TOOL_JAVA[@]}" "$@"
