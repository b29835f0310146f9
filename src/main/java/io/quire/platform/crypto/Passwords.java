package io.quire.platform.crypto;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Argon2id password hashing (Password4j, pure Java), on a worker executor of its own with one thread per core:
 * a hash costs tens of milliseconds of CPU and {@code argon2MemoryKib} of memory by design, so it must never run
 * on an event loop, and running more at once than there are cores only adds memory and latency, not
 * throughput. Hashes are PHC strings carrying their own parameters, so raising the parameters later still
 * verifies old hashes.
 */
public final class Passwords {
    private final WorkerExecutor executor;
    private final Argon2Function argon2;

    public Passwords(Vertx vertx, QuireConfig.Passwords config) {
        // shared by name: every verticle's Passwords queues on the same per-process pool
        this.executor = vertx.createSharedWorkerExecutor(
                "quire-passwords", Runtime.getRuntime().availableProcessors());
        this.argon2 = Argon2Function.getInstance(
                config.argon2MemoryKib(), config.argon2Iterations(), config.argon2Parallelism(), 32, Argon2.ID);
    }

    public Future<String> hash(String password) {
        return executor.executeBlocking(
                () -> Password.hash(password).addRandomSalt(16).with(argon2).getResult(), false);
    }

    /** Constant-time comparison inside Password4j; a malformed stored hash simply fails. */
    public Future<Boolean> verify(String password, String hash) {
        return executor.executeBlocking(
                () -> {
                    try {
                        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
                    } catch (RuntimeException malformed) {
                        return false;
                    }
                },
                false);
    }

    /**
     * For an account that doesn't exist: spends the work of a real verification (one Argon2 computation with
     * the current parameters) and answers false, so "no such email" and "wrong password" take the same time.
     */
    public Future<Boolean> verifyDecoy(String password) {
        return hash(password).map(ignored -> false);
    }
}
