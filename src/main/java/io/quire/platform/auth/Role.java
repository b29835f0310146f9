package io.quire.platform.auth;

/** Platform roles, in increasing power; {@link #atLeast} is the one comparison permission checks use. */
public enum Role {
    READER,
    AUTHOR,
    COLLABORATOR,
    ADMIN,
    SUPER_ADMIN;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public boolean isAdmin() {
        return atLeast(ADMIN);
    }
}
