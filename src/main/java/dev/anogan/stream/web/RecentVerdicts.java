package dev.anogan.stream.web;

import dev.anogan.stream.avro.ImageVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The newest image verdicts the feed has read, newest decision first whatever the order they were read in (the
 * partitions' histories arrive one partition after another), at most a capacity. Thread-safe.
 */
final class RecentVerdicts {

    private static final Comparator<ImageVerdict> NEWEST_FIRST =
            Comparator.comparing(ImageVerdict::getDecidedAt).reversed();

    private final int capacity;
    private final List<ImageVerdict> verdicts = new ArrayList<>();

    RecentVerdicts(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ImageVerdict verdict) {
        int at = 0;
        while (at < verdicts.size() && NEWEST_FIRST.compare(verdicts.get(at), verdict) <= 0) {
            at++;
        }
        verdicts.add(at, verdict);
        if (verdicts.size() > capacity) {
            verdicts.remove(verdicts.size() - 1);
        }
    }

    /** Up to {@code limit} verdicts, newest first. */
    synchronized List<ImageVerdict> newest(int limit) {
        return List.copyOf(verdicts.subList(0, Math.min(limit, verdicts.size())));
    }

    /** The newest verdict held on image {@code imageId}. */
    synchronized Optional<ImageVerdict> of(String imageId) {
        return verdicts.stream().filter(v -> v.getImageId().equals(imageId)).findFirst();
    }
}
