package dev.anogan.stream.embedded;

import java.nio.file.Path;

/** Embedded cluster configurations for tests. */
final class EmbeddedConfigurations {

    private EmbeddedConfigurations() {
    }

    /** A one-partition cluster on free ports, keeping its data in {@code dataDir}. */
    static EmbeddedConfiguration onFreePorts(Path dataDir) {
        EmbeddedConfiguration config = new EmbeddedConfiguration();
        config.setDataDir(dataDir);
        config.setKafkaPort(0);
        config.setRegistryPort(0);
        config.setPartitions(1);
        return config;
    }
}
