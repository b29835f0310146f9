package io.quire.platform.bus;

/** A typed request/reply address: requests of type {@code Q} answered with {@code R}. */
public record RequestAddress<Q, R>(String name, Class<Q> requestType, Class<R> replyType) {
    public static <Q, R> RequestAddress<Q, R> of(String name, Class<Q> requestType, Class<R> replyType) {
        return new RequestAddress<>(name, requestType, replyType);
    }
}
