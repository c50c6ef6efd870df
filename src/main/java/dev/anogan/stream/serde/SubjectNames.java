package dev.anogan.stream.serde;

/** Registry subjects named by topic, as Confluent's default {@code TopicNameStrategy}. */
public final class SubjectNames {

    private SubjectNames() {
    }

    /** The subject of {@code topic}'s record values: {@code <topic>-value}. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
