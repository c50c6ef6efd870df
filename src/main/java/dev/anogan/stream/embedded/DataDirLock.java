package dev.anogan.stream.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive hold on a data folder, so that a second embedded instance cannot empty the folder of a running one.
 * The operating system drops it when the process dies, so a killed run leaves no stale lock.
 */
final class DataDirLock implements AutoCloseable {

    private static final String LOCK_FILE = ".anogan-stream.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates {@code dir} when needed and locks it, or says which instance holds it. */
    static DataDirLock acquire(Path dir, String configKey) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new EmbeddedKafkaException(configKey + ": " + dir + " is in use by another running anogan-stream;"
                        + " stop it or give this one another folder", null);
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new EmbeddedKafkaException(configKey + ": cannot use " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The lock, or null when another process (or this one) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases the lock anyway.
        }
    }
}
