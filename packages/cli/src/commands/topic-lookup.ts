import { RunnelError, type Admin, type TopicDescription } from '@runnel/client';

/** One topic's partitions, or a one-line UNKNOWN_TOPIC_OR_PARTITION that says what to do. */
export async function describeOne(admin: Admin, topic: string): Promise<TopicDescription> {
  try {
    const [described] = await admin.describeTopics([topic]);
    return described!;
  } catch (err) {
    if (err instanceof RunnelError && err.errorName === 'UNKNOWN_TOPIC_OR_PARTITION') {
      throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${topic}' does not exist (create it with: runnel topics create ${topic})`);
    }
    throw err;
  }
}
