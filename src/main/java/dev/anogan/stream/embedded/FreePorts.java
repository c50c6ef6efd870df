package dev.anogan.stream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, found by binding port 0 and releasing it. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code port} itself, or a free port when it is 0. KRaft needs the controller's port in its voter list before
     * the server binds it, so port 0 cannot be passed through; another process could take the port in between.
     */
    static int resolve(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on the loopback interface", e);
        }
    }
}
