#!/usr/bin/env node
// Poll the local cluster's metadata until a condition holds on every broker that answers.
//
//   node wait-ready.mjs [--present 1,2,3] [--absent 2] [--in-sync 2] [--topics a,b] [--timeout 60] [--hint TEXT]
//   node wait-ready.mjs --describe
//
//   --present IDS  every listed broker is registered and unfenced (default: 1,2,3)
//   --absent IDS   no listed broker is in the metadata any more (fenced or shut down)
//   --in-sync IDS  every partition that has a listed broker as replica has it in its ISR
//   --topics NAMES every listed topic is known, with a leader for each partition (a new topic
//                  reaches the brokers a moment apart; clients that ask too early get
//                  UNKNOWN_TOPIC_OR_PARTITION)
//   --describe     print the registered brokers and the under-replicated partitions once
//
// Each bootstrap address in KAFKA_BOOTSTRAP_SERVERS is asked directly with a Metadata request
// (API key 3, version 6), so the answer is that broker's own view: brokers apply metadata records
// a few hundred milliseconds apart, and a condition counts only once all of them agree.
// Exit code 0 when the condition holds, 1 on timeout (naming what was last seen), 2 on bad usage.
import net from "node:net";

const METADATA_API_KEY = 3;
const METADATA_VERSION = 6;

function usage(message) {
  console.error(`[kafkaguard] ERROR: ${message}`);
  console.error(
    "usage: wait-ready.mjs [--present IDS] [--absent IDS] [--in-sync IDS] [--topics NAMES] [--timeout SEC] [--hint TEXT] | --describe",
  );
  process.exit(2);
}

function parseIds(value, flag) {
  const ids = String(value)
    .split(",")
    .filter((s) => s.trim() !== "")
    .map(Number);
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id)))
    usage(`${flag} needs a comma-separated list of node ids`);
  return ids;
}

const opts = { present: null, absent: [], inSync: [], topics: [], timeoutMs: 60_000, hint: "", describe: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const flag = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) usage(`${flag} needs a value`);
    return argv[++i];
  };
  switch (flag) {
    case "--present":
      opts.present = parseIds(value(), flag);
      break;
    case "--absent":
      opts.absent = parseIds(value(), flag);
      break;
    case "--in-sync":
      opts.inSync = parseIds(value(), flag);
      break;
    case "--topics":
      opts.topics = value().split(",").filter(Boolean);
      break;
    case "--timeout":
      opts.timeoutMs = Number(value()) * 1000;
      break;
    case "--hint":
      opts.hint = value();
      break;
    case "--describe":
      opts.describe = true;
      break;
    default:
      usage(`unknown argument '${flag}'`);
  }
}
if (!(opts.timeoutMs > 0)) usage("--timeout needs a positive number of seconds");
if (opts.present === null && !opts.absent.length && !opts.inSync.length && !opts.topics.length)
  opts.present = [1, 2, 3];
opts.present ??= [];

const bootstrap = (process.env.KAFKA_BOOTSTRAP_SERVERS || "127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094")
  .split(",")
  .filter(Boolean)
  .map((address) => {
    const at = address.lastIndexOf(":");
    return { address, host: address.slice(0, at), port: Number(address.slice(at + 1)) };
  });

// --- Metadata v6 over a plain socket --------------------------------------------------------------

function encodeRequest(correlationId, allTopics) {
  const clientId = Buffer.from("kafkaguard-wait-ready");
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
  let o = 0;
  o = body.writeInt16BE(METADATA_API_KEY, o);
  o = body.writeInt16BE(METADATA_VERSION, o);
  o = body.writeInt32BE(correlationId, o);
  o = body.writeInt16BE(clientId.length, o);
  o += clientId.copy(body, o);
  o = body.writeInt32BE(allTopics ? -1 : 0, o); // topics: null = all, [] = none
  body.writeInt8(0, o); // allow_auto_topic_creation
  const frame = Buffer.alloc(4);
  frame.writeInt32BE(body.length);
  return Buffer.concat([frame, body]);
}

class Reader {
  constructor(buf) {
    this.buf = buf;
    this.o = 0;
  }
  i8() {
    const v = this.buf.readInt8(this.o);
    this.o += 1;
    return v;
  }
  i16() {
    const v = this.buf.readInt16BE(this.o);
    this.o += 2;
    return v;
  }
  i32() {
    const v = this.buf.readInt32BE(this.o);
    this.o += 4;
    return v;
  }
  str() {
    const n = this.i16();
    if (n < 0) return null;
    const s = this.buf.toString("utf8", this.o, this.o + n);
    this.o += n;
    return s;
  }
  array(item) {
    const n = this.i32();
    const out = [];
    for (let k = 0; k < n; k++) out.push(item());
    return out;
  }
}

function decodeResponse(buf, correlationId) {
  const r = new Reader(buf);
  if (r.i32() !== correlationId) throw new Error("unexpected correlation id");
  r.i32(); // throttle_time_ms
  const brokers = r.array(() => ({ nodeId: r.i32(), host: r.str(), port: r.i32(), rack: r.str() }));
  const clusterId = r.str();
  r.i32(); // controller_id: in KRaft mode a random broker, not the active controller
  const topics = r.array(() => ({
    errorCode: r.i16(),
    name: r.str(),
    internal: r.i8() !== 0,
    partitions: r.array(() => ({
      errorCode: r.i16(),
      partition: r.i32(),
      leader: r.i32(),
      replicas: r.array(() => r.i32()),
      isr: r.array(() => r.i32()),
      offline: r.array(() => r.i32()),
    })),
  }));
  return { brokers, clusterId, topics };
}

let nextCorrelationId = 1;
function probe({ host, port }, allTopics, timeoutMs = 2000) {
  const correlationId = nextCorrelationId++;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = Buffer.alloc(0);
    const fail = (err) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error("timed out")));
    socket.on("error", (err) => fail(new Error(err.code || err.message)));
    socket.on("connect", () => socket.write(encodeRequest(correlationId, allTopics)));
    socket.on("data", (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < 4 + data.readInt32BE(0)) return;
      socket.destroy();
      try {
        resolve(decodeResponse(data.subarray(4, 4 + data.readInt32BE(0)), correlationId));
      } catch (err) {
        reject(new Error(`undecodable metadata response: ${err.message}`));
      }
    });
    socket.on("close", () => reject(new Error("connection closed")));
  });
}

// --- Conditions ---------------------------------------------------------------------------------

async function snapshot(allTopics) {
  const results = await Promise.all(
    bootstrap.map((b) =>
      probe(b, allTopics).then(
        (view) => ({ ...b, view }),
        (err) => ({ ...b, error: err.message }),
      ),
    ),
  );
  return { views: results.filter((r) => r.view), unreachable: results.filter((r) => r.error) };
}

const idsOf = (view) => view.brokers.map((b) => b.nodeId).sort((a, b) => a - b);

function problemsOf({ views }) {
  if (views.length === 0) return ["no broker answers"];
  const problems = [];
  // A listed broker must also answer itself: it registers a moment before its listener opens.
  const answered = new Set(views.map((v) => v.address));
  for (const id of opts.present) {
    const entry = views.flatMap(({ view }) => view.brokers).find((b) => b.nodeId === id);
    if (entry && !answered.has(`${entry.host}:${entry.port}`))
      problems.push(`broker ${id} (${entry.host}:${entry.port}) does not answer yet`);
  }
  for (const { address, view } of views) {
    const ids = new Set(idsOf(view));
    const missing = opts.present.filter((id) => !ids.has(id));
    if (missing.length) problems.push(`${address} does not list broker(s) ${missing.join(",")}`);
    const still = opts.absent.filter((id) => ids.has(id));
    if (still.length) problems.push(`${address} still lists broker(s) ${still.join(",")}`);
    for (const id of opts.inSync) {
      const lagging = view.topics.flatMap((t) =>
        t.partitions
          .filter((p) => p.replicas.includes(id) && !p.isr.includes(id))
          .map((p) => `${t.name}-${p.partition}`),
      );
      if (lagging.length) {
        const shown = lagging.slice(0, 3).join(", ") + (lagging.length > 3 ? ` and ${lagging.length - 3} more` : "");
        problems.push(`${address}: broker ${id} not in the ISR of ${shown}`);
      }
    }
    for (const name of opts.topics) {
      const topic = view.topics.find((t) => t.name === name);
      if (!topic || topic.errorCode !== 0) problems.push(`${address} does not know topic ${name} yet`);
      else if (topic.partitions.length === 0 || topic.partitions.some((p) => p.leader < 0))
        problems.push(`${address}: topic ${name} has a partition without leader`);
    }
  }
  return problems;
}

function summary({ views }) {
  const seen = [...new Set(views.map(({ view }) => idsOf(view).join(",")))];
  const clusterId = views[0]?.view.clusterId ?? "unknown";
  return `brokers [${seen.join("] / [")}] (answered by ${views.map((v) => v.address).join(" ")}), cluster id ${clusterId}`;
}

if (opts.describe) {
  const snap = await snapshot(true);
  if (snap.views.length === 0) {
    console.error(`[kafkaguard] ERROR: no broker answers on ${bootstrap.map((b) => b.address).join(",")}`);
    process.exit(1);
  }
  console.log(summary(snap));
  const { view } = snap.views[0];
  const urp = view.topics.flatMap((t) =>
    t.partitions
      .filter((p) => p.isr.length < p.replicas.length)
      .map((p) => ({ name: `${t.name}-${p.partition}`, ...p })),
  );
  console.log(`${view.topics.length} topic(s); under-replicated partitions: ${urp.length}`);
  for (const p of urp.slice(0, 20))
    console.log(`  ${p.name} replicas [${p.replicas}] isr [${p.isr}] leader ${p.leader}`);
  process.exit(0);
}

const started = Date.now();
const deadline = started + opts.timeoutMs;
let last = "no answer yet";
for (;;) {
  const snap = await snapshot(opts.inSync.length > 0 || opts.topics.length > 0);
  const problems = problemsOf(snap);
  if (problems.length === 0) {
    console.log(`${summary(snap)} (after ${Date.now() - started} ms)`);
    process.exit(0);
  }
  last = problems.join("; ");
  if (Date.now() >= deadline) {
    console.error(`[kafkaguard] ERROR: condition not met after ${opts.timeoutMs / 1000}s: ${last}`);
    if (opts.hint) console.error(`[kafkaguard] ${opts.hint}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
