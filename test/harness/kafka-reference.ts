import { createRequire } from 'node:module';

// KafkaJS's DefaultPartitioner is its port of the Java client's partitioner (murmur2 +
// toPositive): an outside reference for where Kafka puts a key.
const { Partitioners } = createRequire(import.meta.url)('kafkajs') as { Partitioners: { DefaultPartitioner: () => (args: unknown) => number } };

/** The partition Kafka's default partitioner chooses for `key` among `numPartitions`. */
export function kafkaPartition(key: Buffer, numPartitions: number): number {
  const partitionMetadata = Array.from({ length: numPartitions }, (_, i) => ({ partitionId: i, leader: 0 }));
  return Partitioners.DefaultPartitioner()({ topic: 't', partitionMetadata, message: { key } });
}
