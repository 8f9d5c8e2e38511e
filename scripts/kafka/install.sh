#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Fetch the Apache Kafka broker runtime (jars only) from Maven Central into
# $KAFKAGUARD_CACHE/kafka-<version>/libs. Idempotent: a marker file records a finished install.
#
#   scripts/kafka/install.sh           install if missing
#   scripts/kafka/install.sh --force   fetch again
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/env.sh"

force=0
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  *) die "usage: $0 [--force]" ;;
esac

# Installs made before the admin tools were added lack kafka-tools and are redone.
if [[ $force -eq 0 && -f "$KAFKA_INSTALL_MARKER" && -f "$KAFKA_LIBS/kafka-tools-$KAFKA_VERSION.jar" ]]; then
  log "Kafka $KAFKA_VERSION already installed in $KAFKA_LIBS"
  exit 0
fi

need java "install a Java 17+ runtime, e.g. apt-get install openjdk-17-jdk-headless"
need mvn "install Maven 3.8+, e.g. apt-get install maven"

java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
[[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17 or newer is required (found '${java_major:-unknown}')"

build_dir="$KAFKA_HOME/build"
mkdir -p "$build_dir"
rm -f "$KAFKA_INSTALL_MARKER"

# Generated each run so that KAFKA_VERSION can be overridden from the environment.
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
    <!-- The broker (kafka.Kafka, kafka.tools.StorageTool) and, transitively, clients, server,
         server-common, metadata, raft, storage, group/transaction coordinators, Scala. -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$KAFKA_SCALA_VERSION</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <!-- Kafka's admin tools (org.apache.kafka.tools.TopicCommand, ...), which tests use to change the
         cluster out of band, as an operator would. -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <!-- Logging backend that the binary distribution ships but the POM leaves out. -->
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>1.7.36</version>
    </dependency>
    <dependency>
      <groupId>ch.qos.reload4j</groupId>
      <artifactId>reload4j</artifactId>
      <version>1.2.25</version>
    </dependency>
  </dependencies>
</project>
EOF

mvn_log="$build_dir/mvn.log"
staging="$KAFKA_HOME/libs.partial"
rm -rf "$staging"
log "Resolving org.apache.kafka:kafka_$KAFKA_SCALA_VERSION:$KAFKA_VERSION and its runtime dependencies from Maven Central (log: $mvn_log)"
start=$SECONDS
if ! mvn -B -ntp -U -Dstyle.color=never -f "$build_dir/pom.xml" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$staging" >"$mvn_log" 2>&1; then
  grep -E '^\[(ERROR|WARNING)\]' "$mvn_log" | grep -v '^\[ERROR\] *$' | head -n 4 >&2 || tail -n 20 "$mvn_log" >&2
  die "Maven could not fetch Kafka $KAFKA_VERSION (full log: $mvn_log)"
fi

for jar in "kafka_$KAFKA_SCALA_VERSION-$KAFKA_VERSION.jar" "kafka-clients-$KAFKA_VERSION.jar" \
  "kafka-metadata-$KAFKA_VERSION.jar" "kafka-raft-$KAFKA_VERSION.jar" "kafka-tools-$KAFKA_VERSION.jar" \
  "slf4j-reload4j-1.7.36.jar"; do
  [[ -f "$staging/$jar" ]] || die "expected $jar after the Maven copy, not found in $staging"
done

rm -rf "$KAFKA_LIBS" "$KAFKA_HOME/cds" # the class-data archive (see cluster.sh) matches the old jars only
mv "$staging" "$KAFKA_LIBS"
date -u +%Y-%m-%dT%H:%M:%SZ >"$KAFKA_INSTALL_MARKER"
log "Installed Kafka $KAFKA_VERSION: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS ($((SECONDS - start))s)"
