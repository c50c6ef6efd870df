package dev.anogan.stream.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The feed's health for the metrics scrape: whether it reads the topics, and how many records it had to skip. */
@Singleton
@Requires(beans = ScoreFeed.class)
final class FeedMetrics implements MeterBinder {

    private final ScoreFeed feed;

    FeedMetrics(ScoreFeed feed) {
        this.feed = feed;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("anogan.feed.connected", feed, f -> f.connected() ? 1 : 0)
                .description("1 while the dashboard's feed reads the scores and alerts topics, else 0")
                .register(registry);
        FunctionCounter.builder("anogan.feed.unreadable.records", feed, ScoreFeed::unreadable)
                .description("Score and alert records the dashboard's feed skipped because it could not decode them")
                .register(registry);
    }
}
