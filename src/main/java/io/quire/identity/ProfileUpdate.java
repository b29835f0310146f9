package io.quire.identity;

/** A PATCH of the own profile: null means "not sent", except where a {@code …Set} flag says a null was sent. */
record ProfileUpdate(
        String displayName,
        boolean bioSet,
        String bio,
        boolean avatarUrlSet,
        String avatarUrl,
        String timezone,
        String locale) {}
