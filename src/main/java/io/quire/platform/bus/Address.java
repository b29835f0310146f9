package io.quire.platform.bus;

/**
 * A typed event-bus address: the name and the record type that travels on it. Declared as a constant by the
 * publisher, e.g. {@code Address<ChapterPublished> PUBLISHED = Address.of("chapter.published", ChapterPublished.class)}.
 */
public record Address<T>(String name, Class<T> type) {
    public static <T> Address<T> of(String name, Class<T> type) {
        return new Address<>(name, type);
    }
}
