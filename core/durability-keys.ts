/** Kafka configuration keys that decide whether acknowledged messages survive broker failures. */
export const MIN_INSYNC_REPLICAS = "min.insync.replicas";
export const UNCLEAN_LEADER_ELECTION = "unclean.leader.election.enable";
export const DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
export const AUTO_CREATE_TOPICS = "auto.create.topics.enable";
/** Kafka's internal topics: committed consumer offsets, and transaction state. */
export const OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
export const TRANSACTION_LOG_REPLICATION_FACTOR = "transaction.state.log.replication.factor";
export const TRANSACTION_LOG_MIN_ISR = "transaction.state.log.min.isr";

export const TOPIC_DURABILITY_KEYS = [MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION] as const;
export type TopicDurabilityKey = (typeof TOPIC_DURABILITY_KEYS)[number];

/** What is left of a key once case, compatibility forms (fullwidth "．") and invisible or space characters go. */
function foldKey(key: string): string {
  return key
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Z}]/gu, "")
    .toLowerCase();
}

const PLAIN_KEY = /^[a-z0-9._-]*$/;

/**
 * Finds keys that look like a durability key but are not it ("min.insync.replicas ", "MIN.INSYNC.REPLICAS", or one
 * with a zero-width space): Kafka treats them as different, unknown keys, so the intended setting is not applied.
 */
export function findLookAlikeKeys(keys: readonly string[]): { key: string; meant: TopicDurabilityKey }[] {
  const found: { key: string; meant: TopicDurabilityKey }[] = [];
  for (const key of keys) {
    // A key of lower-case ASCII letters, digits, dots, dashes and underscores folds to itself: exactly a key, or none.
    if (PLAIN_KEY.test(key)) continue;
    const folded = foldKey(key);
    const meant = TOPIC_DURABILITY_KEYS.find((canonical) => canonical === folded);
    if (meant !== undefined && key !== meant) found.push({ key, meant });
  }
  return found;
}
