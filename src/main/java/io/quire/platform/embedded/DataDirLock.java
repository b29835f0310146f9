package io.quire.platform.embedded;

import io.quire.platform.db.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Quire per {@code data.dir}: an OS file lock held for as long as the embedded services run. The OS drops it
 * when the process dies however it dies, so holding it proves that any PostgreSQL or Redis still running on this
 * directory was left by an earlier run that did not stop cleanly, and may be stopped ({@link Leftovers}).
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock take(Path dataDir) {
        Path file = dataDir.resolve("quire.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StartupException("another Quire is running on data.dir " + dataDir
                        + " (it holds " + file + "). Stop it, or give this one its own: QUIRE_DATA_DIR=<another"
                        + " directory>.");
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new StartupException("data.dir " + dataDir + " cannot be used (" + e.getMessage()
                    + "). Choose a writable directory: QUIRE_DATA_DIR=<directory>.");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is stopping; the OS drops the lock with it
        }
    }
}
