package dev.anogan.stream.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the certificates of a truststore file instead of the JVM's default CAs. */
final class TrustStores {

    private TrustStores() {
    }

    /**
     * An SSL context trusting what the truststore at {@code path} holds.
     *
     * @param password the store's password; null: none
     * @throws IllegalArgumentException naming the file when it cannot be read or is not a {@code type} store
     */
    static SSLContext sslContext(Path path, char[] password, String type) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use truststore " + path + " (type " + type + "): " + e, e);
        }
    }
}
