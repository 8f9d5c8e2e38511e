import type { AnalyzedResource } from "../test/support/analyzer-client";

const TOPIC = "kafka:index/topic:Topic";
const SAFE = { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" };

/** Every tenth topic carries one of these mistakes, so the violation path is part of the measurement. */
const MISTAKES: readonly ((topic: AnalyzedResource) => AnalyzedResource)[] = [
  (topic) => ({ ...topic, protect: false }),
  (topic) => ({ ...topic, props: { ...topic.props, replicationFactor: 1 } }),
  (topic) => ({ ...topic, props: { ...topic.props, config: { "retention.ms": "604800000" } } }),
  (topic) => ({ ...topic, props: { ...topic.props, config: { ...SAFE, "unclean.leader.election.enable": "true" } } }),
  (topic) => ({ ...topic, props: { ...topic.props, config: { "min.insync.replicas ": "2" } } }),
];

/**
 * `count` kafka.Topic resources as the engine sends them: 90% compliant (protected, as DurableTopic registers them),
 * 10% with one durability mistake.
 */
export function topicResources(count: number): AnalyzedResource[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `topic-${index}`;
    const topic: AnalyzedResource = {
      type: TOPIC,
      name,
      protect: true,
      props: { name, partitions: 6, replicationFactor: 3, config: { ...SAFE, "retention.ms": "604800000" } },
    };
    return index % 10 === 9 ? MISTAKES[Math.floor(index / 10) % MISTAKES.length](topic) : topic;
  });
}

/** Runs `work` for every item with at most `concurrency` calls in flight. */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
