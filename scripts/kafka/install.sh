#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Fetch the Apache Kafka runtime (jars only: broker and command-line tools) of $KAFKA_VERSION from Maven Central
# into $KAFKA_HOME/libs (see env.sh). Idempotent: a marker file records a finished install, one per version.
#
#   scripts/kafka/install.sh           install if missing
#   scripts/kafka/install.sh --force   fetch again
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/env.sh"

force_flag "$@"

if ! $FORCE && [[ -f "$KAFKA_INSTALL_MARKER" ]]; then
  log "Kafka $KAFKA_VERSION already installed in $KAFKA_LIBS"
  exit 0
fi

need java "install a Java 17+ runtime, e.g. apt-get install openjdk-17-jdk-headless"
need mvn "install Maven 3.8+, e.g. apt-get install maven"

java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
[[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17 or newer is required (found '${java_major:-unknown}')"

# The slf4j binding that the binary distribution ships but the POM leaves out: Kafka 3.x logs through slf4j 1.7
# to log4j 1 (reload4j); Kafka 4 through slf4j 1.7 to log4j2, whose core its POM already brings
# (log4j-core 2.25.5 for 4.4.0; the binding must match it).
if [[ "$KAFKA_MAJOR_VERSION" -ge 4 ]]; then
  log4j2_version="${KAFKA_LOG4J2_VERSION:-2.25.5}"
  logging_bindings=("org.apache.logging.log4j:log4j-slf4j-impl:$log4j2_version")
  binding_jar="log4j-slf4j-impl-$log4j2_version.jar"
else
  logging_bindings=("org.slf4j:slf4j-reload4j:1.7.36" "ch.qos.reload4j:reload4j:1.2.25")
  binding_jar="slf4j-reload4j-1.7.36.jar"
fi

dependency_xml() { # dependency_xml group:artifact:version...
  local coordinate group artifact version
  for coordinate in "$@"; do
    IFS=: read -r group artifact version <<<"$coordinate"
    printf '    <dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>\n' \
      "$group" "$artifact" "$version"
  done
}

# The command-line tools log warnings only, to stderr, in both logging systems' formats.
write_tools_log_configs() {
  mkdir -p "$KAFKA_TOOLS_LOG_CONFIG_DIR"
  cat >"$KAFKA_TOOLS_LOG_CONFIG_DIR/log4j.properties" <<'LOG4J'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG4J
  cat >"$KAFKA_TOOLS_LOG_CONFIG_DIR/log4j2.properties" <<'LOG4J2'
status = warn
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
LOG4J2
}

build_dir="$KAFKA_HOME/build"
mkdir -p "$build_dir"
rm -f "$KAFKA_INSTALL_MARKER"

# Generated each run so that KAFKA_VERSION can be overridden from the environment.
# kafka_<scala>: the broker (kafka.Kafka, kafka.tools.StorageTool) and, transitively, clients, server, metadata,
# raft, storage, coordinators, Scala. kafka-tools: VerifiableProducer and the console consumer, Kafka's own Java
# client tools (the durability proof's cross-check).
cat >"$build_dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kafkaguard.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
$(dependency_xml "org.apache.kafka:kafka_$KAFKA_SCALA_VERSION:$KAFKA_VERSION" "org.apache.kafka:kafka-tools:$KAFKA_VERSION" \
  "${logging_bindings[@]}")
  </dependencies>
</project>
EOF

mvn_log="$build_dir/mvn.log"
staging="$KAFKA_HOME/libs.partial"
rm -rf "$staging"
log "Resolving org.apache.kafka:kafka_$KAFKA_SCALA_VERSION:$KAFKA_VERSION, kafka-tools and their runtime dependencies from Maven Central (log: $mvn_log)"
start=$SECONDS
if ! mvn -B -ntp -U -Dstyle.color=never -f "$build_dir/pom.xml" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$staging" >"$mvn_log" 2>&1; then
  grep -E '^\[(ERROR|WARNING)\]' "$mvn_log" | grep -v '^\[ERROR\] *$' | head -n 4 >&2 || tail -n 20 "$mvn_log" >&2
  die "Maven could not fetch Kafka $KAFKA_VERSION (full log: $mvn_log)"
fi

for jar in "kafka_$KAFKA_SCALA_VERSION-$KAFKA_VERSION.jar" "kafka-clients-$KAFKA_VERSION.jar" \
  "kafka-metadata-$KAFKA_VERSION.jar" "kafka-raft-$KAFKA_VERSION.jar" "kafka-tools-$KAFKA_VERSION.jar" "$binding_jar"; do
  [[ -f "$staging/$jar" ]] || die "expected $jar after the Maven copy, not found in $staging"
done

rm -rf "$KAFKA_LIBS" "$KAFKA_HOME/cds" # the class-data archive (see env.sh) matches the old jars only
mv "$staging" "$KAFKA_LIBS"
write_tools_log_configs
date -u +%Y-%m-%dT%H:%M:%SZ >"$KAFKA_INSTALL_MARKER"
log "Installed Kafka $KAFKA_VERSION: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS ($((SECONDS - start))s)"
