#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A local 3-node Apache Kafka cluster in KRaft combined mode (each node is broker and controller),
# on loopback only. State, configs and logs live under $KAFKA_CLUSTER_DIR/kafka-<version>/node-<id>/: each Kafka
# version has its own cluster (a cluster formatted by 3.9 is not reused by 4.x).
#
#   scripts/kafka/cluster.sh start              install if needed, format, start all nodes, wait until ready
#   scripts/kafka/cluster.sh stop               stop all nodes (SIGTERM, then SIGKILL), keep data
#   scripts/kafka/cluster.sh reset              stop and delete this version's data (a fresh cluster on next start)
#   scripts/kafka/cluster.sh kill <id>          SIGKILL one node (a crash) and wait until it is fenced
#                                               (--no-wait: return right after the kill)
#   scripts/kafka/cluster.sh restart <id>       start one node again (alias: start-node) and wait until it is
#                                               registered and back in the ISR of its partitions, and every
#                                               stopped node is fenced
#   scripts/kafka/cluster.sh pause <id>...      SIGSTOP node(s): frozen as in a long GC pause, sockets kept open
#   scripts/kafka/cluster.sh resume [<id>...]   SIGCONT node(s), every node when none is named
#   scripts/kafka/cluster.sh status             which nodes run, and the cluster's view; exit 0 only if all 3 run
#
# Every command is idempotent. Environment: KAFKA_READY_TIMEOUT (s, default 300),
# KAFKA_STOP_TIMEOUT (s, default 30), KAFKA_HEAP_OPTS, KAFKA_VERSION.
set -euo pipefail
script_dir="$(cd "$(dirname "$0")" && pwd)"
source "$script_dir/../lib/common.sh"
source "$script_dir/env.sh"

# A backstop against a hang, not an expected duration: every wait polls the cluster's own metadata and
# returns as soon as the condition holds. A node rejoining the ISR of every partition (the 50 of
# __consumer_offsets included) can take minutes on a loaded 2-core machine.
READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-300}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
STOP_LONE_GRACE=12
VOTERS="1@127.0.0.1:$(kafka_port_of 1 "$KAFKA_CONTROLLER_PORTS"),2@127.0.0.1:$(kafka_port_of 2 "$KAFKA_CONTROLLER_PORTS"),3@127.0.0.1:$(kafka_port_of 3 "$KAFKA_CONTROLLER_PORTS")"

node_dir() { printf '%s/node-%s' "$KAFKA_DATA_DIR" "$1"; }
pid_file() { printf '%s/kafka.pid' "$(node_dir "$1")"; }
conf_file() { printf '%s/server.properties' "$(node_dir "$1")"; }
log_file() { printf '%s/server.log' "$(node_dir "$1")"; }

check_id() { [[ "${1:-}" =~ ^[1-3]$ ]] || die "expected a node id 1, 2 or 3, got '${1:-}'"; }

# The pid of node <id>'s broker if it runs, else nothing (exit 1). A pid file whose process is gone,
# or now belongs to another program, is removed.
node_pid() {
  local id="$1" pf pid conf
  pf="$(pid_file "$id")"
  conf="$(conf_file "$id")"
  if [[ -f "$pf" ]]; then
    pid="$(cat "$pf" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" &&
      tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $conf"; then
      printf '%s' "$pid"
      return 0
    fi
    log "node $id: removing stale pid file (process ${pid:-?} is not this node's broker any more)"
    rm -f "$pf"
  fi
  # A broker of this cluster whose pid file was lost.
  pid="$(pgrep -f -- "kafka.Kafka $conf\$" | head -n1 || true)"
  if [[ -n "$pid" ]]; then
    printf '%s' "$pid" >"$pf"
    printf '%s' "$pid"
    return 0
  fi
  return 1
}

# Running and not a zombie (a killed broker stays one until its new parent, init, reaps it).
alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" != Z ]]
}

# Frozen by SIGSTOP (cmd_signal).
paused() { [[ "$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" == T ]]; }

port_in_use() { # port_in_use <port>: succeeds if something listens on 127.0.0.1:<port>
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n1
  fi
}

check_ports_free() {
  local id="$1" port what owner
  for what in broker controller sasl; do
    case $what in
      broker) port="$(kafka_port_of "$id" "$KAFKA_BROKER_PORTS")" ;;
      controller) port="$(kafka_port_of "$id" "$KAFKA_CONTROLLER_PORTS")" ;;
      sasl) port="$(kafka_port_of "$id" "$KAFKAGUARD_SASL_PORTS")" ;;
    esac
    if port_in_use "$port"; then
      owner="$(port_owner "$port")"
      die "node $id cannot start: its $what port 127.0.0.1:$port is already in use${owner:+ by $owner} (not a node of $KAFKA_DATA_DIR)"
    fi
  done
}

write_configs() {
  mkdir -p "$KAFKA_DATA_DIR"
  # The same broker logging for log4j 1 (Kafka 3.x) and log4j2 (Kafka 4); kafka_log_opts picks the file.
  cat >"$KAFKA_DATA_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF
  cat >"$KAFKA_DATA_DIR/log4j2.properties" <<'EOF'
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
EOF
  local id dir
  for id in $KAFKA_NODE_IDS; do
    dir="$(node_dir "$id")"
    mkdir -p "$dir/data"
    cat >"$(conf_file "$id")" <<EOF
# Generated by scripts/kafka/cluster.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$VOTERS
listeners=PLAINTEXT://127.0.0.1:$(kafka_port_of "$id" "$KAFKA_BROKER_PORTS"),CONTROLLER://127.0.0.1:$(kafka_port_of "$id" "$KAFKA_CONTROLLER_PORTS"),SASL_PLAINTEXT://127.0.0.1:$(kafka_port_of "$id" "$KAFKAGUARD_SASL_PORTS")
advertised.listeners=PLAINTEXT://127.0.0.1:$(kafka_port_of "$id" "$KAFKA_BROKER_PORTS"),SASL_PLAINTEXT://127.0.0.1:$(kafka_port_of "$id" "$KAFKAGUARD_SASL_PORTS")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT

# A SASL/PLAIN listener with one local user, so clients' authentication (and its failure) can be tested.
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKAGUARD_SASL_USER="$KAFKAGUARD_SASL_PASSWORD";
log.dirs=$dir/data

# Internal topics replicated on all three nodes.
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2

num.partitions=1
group.initial.rebalance.delay.ms=0

# A crashed node is fenced (dropped from metadata, partition leadership moves) ~3 s after it
# stops heartbeating; ~7 s if it was the active controller, since a new one is elected first.
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=500

# No auto-creation: the tests delete their topics, and a client's metadata request that arrives just after a
# deletion would create the topic again with the default replication factor 1, on one node, which the next
# node kill leaves without a leader.
auto.create.topics.enable=false

# Everything else, notably min.insync.replicas, default.replication.factor and
# unclean.leader.election.enable, keeps the broker default.
EOF
  done
}

# Formats every node whose log dir is not formatted yet, with the cluster id kept in cluster.id.
format_storage() {
  local id_file="$KAFKA_DATA_DIR/cluster.id" cluster_id id pids=() ids=()
  if [[ ! -s "$id_file" ]]; then
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
    [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka.tools.StorageTool random-uuid printed '$cluster_id'"
    printf '%s\n' "$cluster_id" >"$id_file"
    log "new cluster id $cluster_id"
  fi
  cluster_id="$(cat "$id_file")"
  for id in $KAFKA_NODE_IDS; do
    [[ -f "$(node_dir "$id")/data/meta.properties" ]] && continue
    log "node $id: formatting storage (cluster id $cluster_id)"
    kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$(conf_file "$id")" --ignore-formatted \
      >"$(node_dir "$id")/format.log" 2>&1 &
    pids+=("$!")
    ids+=("$id")
  done
  local i
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { cat "$(node_dir "${ids[$i]}")/format.log" >&2; die "formatting node ${ids[$i]} failed (log: $(node_dir "${ids[$i]}")/format.log)"; }
  done
}

prepare() {
  [[ -f "$KAFKA_INSTALL_MARKER" ]] || "$script_dir/install.sh"
  need java "install a Java 17+ runtime"
  need node "Node.js 20+ runs the readiness check"
  CDS_ARCHIVE="$(cds_archive)"
  write_configs
  format_storage
}

launch_node() {
  local id="$1" pid cds_opt=() archive
  check_ports_free "$id"
  archive="$(cds_archive)"
  if [[ -s "$archive" ]]; then
    cds_opt=("-XX:SharedArchiveFile=$archive")
  elif [[ "$id" == 1 ]]; then
    mkdir -p "$(dirname "$archive")"
    rm -f "$archive.dump"
    cds_opt=("-XX:ArchiveClassesAtExit=$archive.dump")
  fi
  printf '\n===== %s: starting node %s (Kafka %s) =====\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$id" "$KAFKA_VERSION" >>"$(log_file "$id")"
  # bash writes its own pid, then execs java in place: the pid file names the broker itself.
  # shellcheck disable=SC2016,SC2086
  nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$(pid_file "$id")" \
    java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError "${cds_opt[@]}" \
    -Djava.awt.headless=true "$(kafka_log_opts "$KAFKA_DATA_DIR")" \
    -cp "$(kafka_classpath)" kafka.Kafka "$(conf_file "$id")" \
    </dev/null >>"$(log_file "$id")" 2>&1 &
  for _ in $(seq 50); do
    [[ -s "$(pid_file "$id")" ]] && break
    sleep 0.1
  done
  pid="$(cat "$(pid_file "$id")" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "node $id did not start (log: $(log_file "$id"))"
  log "node $id: started, pid $pid, ports $(kafka_port_of "$id" "$KAFKA_BROKER_PORTS")/$(kafka_port_of "$id" "$KAFKA_CONTROLLER_PORTS"), log $(log_file "$id")"
}

# await <ids to watch for crashes> -- <wait-ready.mjs arguments>: runs the metadata check and stops
# early, showing the log, if one of the watched nodes exits meanwhile.
await() {
  local watch=() id waiter rc pid
  while [[ $# -gt 0 && "$1" != "--" ]]; do watch+=("$1"); shift; done
  shift
  node "$script_dir/wait-ready.mjs" "$@" &
  waiter=$!
  while kill -0 "$waiter" 2>/dev/null; do
    for id in "${watch[@]}"; do
      if ! pid="$(node_pid "$id" 2>/dev/null)"; then
        kill "$waiter" 2>/dev/null || true
        wait "$waiter" 2>/dev/null || true
        printf -- '----- end of %s -----\n' "$(log_file "$id")" >&2
        # Only what this run of the node wrote: from the last start banner on.
        awk '/^===== .*: starting node / { n = 0 } { line[n++] = $0 } END { for (i = (n > 25 ? n - 25 : 0); i < n; i++) print line[i] }' \
          "$(log_file "$id")" >&2
        die "node $id exited while waiting for the cluster (log: $(log_file "$id"))"
      fi
    done
    sleep 0.5
  done
  rc=0
  wait "$waiter" || rc=$?
  return "$rc"
}

cmd_start() {
  local id pid started=() t0=$SECONDS
  prepare
  for id in $KAFKA_NODE_IDS; do
    node_pid "$id" >/dev/null || started+=("$id")
  done
  for id in "${started[@]}"; do check_ports_free "$id"; done # before launching any
  for id in "${started[@]}"; do launch_node "$id"; done
  if [[ ${#started[@]} -eq 0 ]]; then
    log "all nodes already running; checking the cluster"
  else
    log "waiting for brokers 1,2,3 to register (timeout ${READY_TIMEOUT}s)"
  fi
  local out
  # shellcheck disable=SC2086 # the id list is meant to split
  out="$(await $KAFKA_NODE_IDS -- --present 1,2,3 --timeout "$READY_TIMEOUT" \
    --hint "read the broker logs: $KAFKA_DATA_DIR/node-{1,2,3}/server.log")" ||
    die "cluster did not become ready (nodes that did start are left running for inspection; '$0 stop' stops them)"
  log "ready: $out; bootstrap $KAFKA_BOOTSTRAP_SERVERS ($((SECONDS - t0))s)"
}

cmd_start_node() {
  local id="$1" t0=$SECONDS out o down=() absent=()
  check_id "$id"
  prepare
  if node_pid "$id" >/dev/null; then
    log "node $id already running"
  else
    launch_node "$id"
  fi
  # A node killed while no controller quorum was left is still listed as a live broker (and may be named
  # to clients as their "controller") until a quorum is back and fences it. Returning before that hands
  # the caller a metadata view with a dead broker in it, so wait until the view matches the processes.
  for o in $KAFKA_NODE_IDS; do
    [[ "$o" != "$id" ]] && ! node_pid "$o" >/dev/null && down+=("$o")
  done
  [[ ${#down[@]} -gt 0 ]] && absent=(--absent "$(IFS=,; echo "${down[*]}")")
  log "waiting for node $id to register and rejoin the ISR of its partitions${down[*]:+, and for stopped node(s) ${down[*]} to be fenced} (timeout ${READY_TIMEOUT}s)"
  out="$(await "$id" -- --present "$id" --in-sync "$id" "${absent[@]}" --timeout "$READY_TIMEOUT" \
    --hint "read the broker log: $(log_file "$id")")" || die "node $id did not rejoin the cluster"
  log "node $id back: $out ($((SECONDS - t0))s)"
}

cmd_stop() {
  local id pid pids=() ids=()
  for id in $KAFKA_NODE_IDS; do
    if pid="$(node_pid "$id")"; then pids+=("$pid"); ids+=("$id"); fi
  done
  if [[ ${#pids[@]} -eq 0 ]]; then
    log "no node running"
    return 0
  fi
  log "stopping node(s) ${ids[*]} (SIGTERM, SIGKILL after ${STOP_TIMEOUT}s)"
  local t0=$SECONDS deadline=$((SECONDS + STOP_TIMEOUT)) running=() killed=() lone_since="" i archive
  # All at once: each broker's controlled shutdown needs an active controller, so it has to
  # finish while a majority of the three controllers still runs.
  kill -TERM "${pids[@]}" 2>/dev/null || true
  while :; do
    running=()
    for i in "${!pids[@]}"; do alive "${pids[$i]}" && running+=("$i"); done
    [[ ${#running[@]} -eq 0 ]] && break
    if [[ ${#running[@]} -eq 1 && -z "$lone_since" ]]; then lone_since=$SECONDS; fi
    # A node left alone cannot reach a quorum: if it was still in controlled shutdown when the
    # others went, it would wait up to 5 minutes. A healthy last node exits within ~6 s.
    if [[ -n "$lone_since" && $((SECONDS - lone_since)) -ge $STOP_LONE_GRACE ]]; then
      i="${running[0]}"
      log "node ${ids[$i]} is the last one running and cannot finish shutting down without a controller quorum; sending SIGKILL"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
      killed+=("${ids[$i]}")
      lone_since=""
    elif [[ $SECONDS -ge $deadline ]]; then
      for i in "${running[@]}"; do
        log "node ${ids[$i]} still running after ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL "${pids[$i]}" 2>/dev/null || true
        killed+=("${ids[$i]}")
      done
    fi
    sleep 0.2
  done
  for id in "${ids[@]}"; do rm -f "$(pid_file "$id")"; done
  for id in "${killed[@]}"; do
    printf '\n===== %s: node %s killed with SIGKILL while stopping =====\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$id" >>"$(log_file "$id")"
  done
  archive="${CDS_ARCHIVE:-$(cds_archive)}"
  if [[ -f "$archive.dump" ]]; then
    if [[ " ${killed[*]} " != *" 1 "* && -s "$archive.dump" ]]; then
      mv -f "$archive.dump" "$archive"
      log "saved the class-data archive $archive (faster JVM starts from now on)"
    else
      rm -f "$archive.dump"
    fi
  fi
  log "stopped ($((SECONDS - t0))s); data kept in $KAFKA_DATA_DIR"
}

cmd_reset() {
  cmd_stop
  [[ -n "$KAFKA_CLUSTER_DIR" && "$KAFKA_CLUSTER_DIR" != "/" ]] || die "refusing to delete KAFKA_CLUSTER_DIR='$KAFKA_CLUSTER_DIR'"
  if [[ -d "$KAFKA_DATA_DIR" ]]; then
    rm -rf "$KAFKA_DATA_DIR"
    log "deleted $KAFKA_DATA_DIR; the next start formats a new cluster"
  else
    log "nothing to delete ($KAFKA_DATA_DIR does not exist)"
  fi
}

cmd_kill() {
  local id="$1" wait_fenced="$2" pid others=() o out
  check_id "$id"
  if ! pid="$(node_pid "$id")"; then
    log "node $id is not running"
    return 0
  fi
  local killed_at
  killed_at="$(date +%s%3N)"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
  rm -f "$(pid_file "$id")"
  printf '\n===== %s: node %s killed with SIGKILL =====\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$id" >>"$(log_file "$id")"
  log "node $id: killed (SIGKILL, pid $pid)"
  [[ "$wait_fenced" == 1 ]] || return 0
  for o in $KAFKA_NODE_IDS; do
    [[ "$o" != "$id" ]] && node_pid "$o" >/dev/null && others+=("$o")
  done
  if [[ ${#others[@]} -lt 2 ]]; then
    # Fencing is a metadata change, which needs a majority of the three controllers.
    log "only ${#others[@]} node(s) left: no controller quorum, so node $id is not fenced until a second node is back"
    return 0
  fi
  out="$(node "$script_dir/wait-ready.mjs" --absent "$id" --timeout 30 \
    --hint "read the remaining brokers' logs: $KAFKA_DATA_DIR/node-*/server.log")" || die "node $id was not fenced"
  log "node $id fenced $(($(date +%s%3N) - killed_at)) ms after SIGKILL: ${out% (after*}"
}

# cmd_signal <STOP|CONT> <id>...: freezes or thaws running nodes; a node that is not running is skipped.
cmd_signal() {
  local signal="$1" id pid
  shift
  for id in "$@"; do
    check_id "$id"
    if pid="$(node_pid "$id")"; then
      kill "-$signal" "$pid"
      log "node $id: SIG$signal (pid $pid)"
    fi
  done
}

cmd_status() {
  local id pid up=0
  for id in $KAFKA_NODE_IDS; do
    if pid="$(node_pid "$id")"; then
      up=$((up + 1))
      printf 'node %s: running%s (pid %s, broker 127.0.0.1:%s, controller 127.0.0.1:%s)\n' "$id" \
        "$(paused "$pid" && echo ', paused')" "$pid" \
        "$(kafka_port_of "$id" "$KAFKA_BROKER_PORTS")" "$(kafka_port_of "$id" "$KAFKA_CONTROLLER_PORTS")"
    else
      printf 'node %s: stopped\n' "$id"
    fi
  done
  if [[ $up -gt 0 ]]; then
    node "$script_dir/wait-ready.mjs" --describe || true
  fi
  [[ $up -eq 3 ]]
}

usage() {
  awk 'NR > 1 && /^# shellcheck/ { next } NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

case "${1:-}" in
  start) [[ $# -eq 1 ]] || usage; cmd_start ;;
  stop) [[ $# -eq 1 ]] || usage; cmd_stop ;;
  reset) [[ $# -eq 1 ]] || usage; cmd_reset ;;
  kill)
    case "$#:${3:-}" in
      2:) cmd_kill "$2" 1 ;;
      3:--no-wait) cmd_kill "$2" 0 ;;
      *) usage ;;
    esac ;;
  restart | start-node) [[ $# -eq 2 ]] || usage; cmd_start_node "$2" ;;
  pause) [[ $# -ge 2 ]] || usage; shift; cmd_signal STOP "$@" ;;
  resume)
    shift
    # shellcheck disable=SC2086 # the id list is meant to split
    if [[ $# -eq 0 ]]; then cmd_signal CONT $KAFKA_NODE_IDS; else cmd_signal CONT "$@"; fi ;;
  status) [[ $# -eq 1 ]] || usage; cmd_status ;;
  *) usage ;;
esac
