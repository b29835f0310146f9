package io.quire.testing;

import java.util.function.BooleanSupplier;

/** Waits for asynchronous work (jobs, dispatch, bus deliveries) to show its effect, failing after a bound. */
public final class Eventually {
    private Eventually() {}

    public static void await(BooleanSupplier condition, long withinMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + withinMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + withinMs + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
