/**
 * Creates or deletes the audit benchmark's topics in batches with the audit's own Kafka client (so it runs on the
 * audit's Node.js, >= 22.22): `audit-topics.ts create|delete <prefix> <from> <to> <bootstrap>`.
 * Topics are compliant (RF 3, min.insync.replicas 2) and have 1 partition each.
 */
const BATCH = 200;

async function main(): Promise<void> {
  const [action, prefix, from, to, bootstrap] = process.argv.slice(2);
  if ((action !== "create" && action !== "delete") || !prefix || !bootstrap) {
    throw new Error("usage: audit-topics.ts create|delete <prefix> <from> <to> <bootstrap>");
  }
  const { Admin } = await import("@platformatic/kafka");
  const admin = new Admin({ clientId: "kafkaguard-bench", bootstrapBrokers: bootstrap.split(","), timeout: 60_000 });
  try {
    const names: string[] = [];
    for (let index = Number(from); index < Number(to); index++) names.push(`${prefix}-${index}`);
    const existing = new Set(await admin.listTopics());
    for (let start = 0; start < names.length; start += BATCH) {
      const batch = names.slice(start, start + BATCH);
      if (action === "create") {
        const missing = batch.filter((name) => !existing.has(name));
        if (missing.length === 0) continue;
        await admin.createTopics({
          topics: missing,
          partitions: 1,
          replicas: 3,
          configs: [{ name: "min.insync.replicas", value: "2" }],
        });
      } else {
        const present = batch.filter((name) => existing.has(name));
        if (present.length > 0) await admin.deleteTopics({ topics: present });
      }
    }
  } finally {
    await admin.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
