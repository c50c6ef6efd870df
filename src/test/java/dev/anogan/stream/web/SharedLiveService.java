package dev.anogan.stream.web;

import dev.anogan.stream.testing.RunWideResource;

/**
 * Resolves {@link LiveService} parameters with one service for the whole test run (its start-up is the slow part),
 * closed by JUnit when the run ends.
 */
final class SharedLiveService extends RunWideResource<LiveService> {

    SharedLiveService() {
        super(LiveService.class, LiveService::new);
    }
}
