package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (the demo on a laptop) serves its unauthenticated API on 127.0.0.1 only; with a real
 * cluster, or with micronaut.server.host set, Micronaut binds what it is told (every interface by default).
 */
class EmbeddedDefaultBindsLoopbackTest {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultIsReachableOnLoopbackOnly() {
        Map<String, Object> props = new HashMap<>();
        props.put("anogan.embedded.enabled", true);
        props.put("anogan.embedded.kafka-port", 0);
        props.put("anogan.embedded.registry-port", 0);
        props.put("anogan.embedded.data-dir", dataDir.toString());
        props.put("anogan.demo.enabled", false);
        props.put("micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            assertEquals("127.0.0.1", server.getHost());
            assertTrue(accepts(InetAddress.getLoopbackAddress(), server.getPort()));
            InetAddress outside = nonLoopbackAddress().orElse(null);
            assumeTrue(outside != null, "this machine has no non-loopback IPv4 address to try");
            assertFalse(accepts(outside, server.getPort()), "reachable on " + outside.getHostAddress());
        }
    }

    @Test
    void withoutTheEmbeddedClusterEveryInterfaceIsBound() {
        // the tests' default: anogan.embedded.enabled=false, no bootstrap servers (as the chart's pod, minus Kafka)
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            InetAddress outside = nonLoopbackAddress().orElse(null);
            assumeTrue(outside != null, "this machine has no non-loopback IPv4 address to try");
            assertTrue(accepts(outside, server.getPort()), "not reachable on " + outside.getHostAddress());
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(EmbeddedDefaultBindsLoopbackTest::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
