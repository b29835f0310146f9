package io.quire.platform.crypto;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashing (Password4j, pure Java), always on worker threads: a hash costs tens of
 * milliseconds of CPU by design and must never run on an event loop. Hashes are PHC strings carrying their own
 * parameters, so raising the parameters later still verifies old hashes.
 */
public final class Passwords {
  private final Vertx vertx;
  private final Argon2Function argon2;

  public Passwords(Vertx vertx, QuireConfig.Passwords config) {
    this.vertx = vertx;
    this.argon2 = Argon2Function.getInstance(config.argon2MemoryKib(), config.argon2Iterations(),
        config.argon2Parallelism(), 32, Argon2.ID);
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Password.hash(password).addRandomSalt(16).with(argon2).getResult(), false);
  }

  /** Constant-time comparison inside Password4j; a malformed stored hash simply fails. */
  public Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> {
      try {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
      } catch (RuntimeException malformed) {
        return false;
      }
    }, false);
  }

  /**
   * For an account that doesn't exist: spends the work of a real verification (one Argon2 computation with
   * the current parameters) and answers false, so "no such email" and "wrong password" take the same time.
   */
  public Future<Boolean> verifyDecoy(String password) {
    return hash(password).map(ignored -> false);
  }
}
