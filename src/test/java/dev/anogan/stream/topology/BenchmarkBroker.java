package dev.anogan.stream.topology;

import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kafka cluster a streaming benchmark run talks to, closed after the run:
 * <ul>
 *   <li>{@code in-process}: the embedded KRaft broker in the benchmark's own JVM (what the service's default mode
 *       runs), sharing its heap, garbage collector and JIT with the streams application;</li>
 *   <li>{@code separate}: the same Apache Kafka server in a JVM of its own ({@link BrokerProcess}, started from
 *       this class path), reached over TCP as a user's broker is; the transactions its coordinator rolls back for
 *       timeout are counted from its log;</li>
 *   <li>any other value: the bootstrap servers of a cluster someone else runs (left running).</li>
 * </ul>
 */
final class BenchmarkBroker implements AutoCloseable {

    static final String IN_PROCESS = "in-process";
    static final String SEPARATE = "separate";
    /** What the transaction coordinator logs (at INFO) for each transaction it rolled back for timeout. */
    static final String TIMEOUT_ROLLBACK = "Completed rollback of ongoing transaction";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final String bootstrapServers;
    private final AutoCloseable owned;
    /** Null when this process cannot see the broker's log. */
    private final AtomicLong rollbacks;

    private BenchmarkBroker(String name, String bootstrapServers, AutoCloseable owned, AtomicLong rollbacks) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.owned = owned;
        this.rollbacks = rollbacks;
    }

    /**
     * Starts or names the cluster.
     *
     * @param kind    {@link #IN_PROCESS}, {@link #SEPARATE} or bootstrap servers
     * @param logFile where a separate broker's log goes (warnings and errors)
     * @param cpus    the CPUs a separate broker may run on ({@code taskset -c} syntax); empty: any
     */
    static BenchmarkBroker open(String kind, Path logFile, Optional<String> cpus) throws IOException {
        return switch (kind) {
            case IN_PROCESS -> {
                EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
                yield new BenchmarkBroker(IN_PROCESS, kafka.bootstrapServers(), kafka, null);
            }
            case SEPARATE -> separate(logFile, cpus);
            default -> new BenchmarkBroker("external", kind, () -> { }, null);
        };
    }

    private static BenchmarkBroker separate(Path logFile, Optional<String> cpus) throws IOException {
        List<String> command = new ArrayList<>();
        cpus.ifPresent(list -> command.addAll(List.of("taskset", "-c", list)));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dlogback.configurationFile=benchmark-broker-logback.xml",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(logFile.toFile()).start();
        BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
        String line = out.readLine();
        while (line != null && !line.startsWith(BrokerProcess.READY)) {
            line = out.readLine();
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the separate broker stopped before serving; its log: " + logFile);
        }
        AtomicLong rollbacks = new AtomicLong();
        Thread reader = new Thread(() -> countRollbacks(out, rollbacks), "separate-broker-log");
        reader.setDaemon(true);
        reader.start();
        return new BenchmarkBroker(SEPARATE, line.substring(BrokerProcess.READY.length()), () -> stop(process),
                rollbacks);
    }

    /** Counts the coordinator's rollbacks for timeout and repeats them on standard error, until the broker stops. */
    private static void countRollbacks(BufferedReader out, AtomicLong rollbacks) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains(TIMEOUT_ROLLBACK)) {
                    rollbacks.incrementAndGet();
                    System.err.println("separate broker: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the separate broker's log", e);
        }
    }

    private static void stop(Process process) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** {@code in-process}, {@code separate} or {@code external}. */
    String name() {
        return name;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Transactions the broker rolled back for timeout since it started; empty when its log is not ours to read. */
    OptionalLong timeoutRollbacks() {
        return rollbacks == null ? OptionalLong.empty() : OptionalLong.of(rollbacks.get());
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }
}
