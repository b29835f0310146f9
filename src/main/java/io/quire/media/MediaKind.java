package io.quire.media;

/** What a file is, for quotas and lists: the storage use is kept per kind. */
public enum MediaKind {
    IMAGE,
    DOCUMENT,
    VIDEO,
    OTHER
}
