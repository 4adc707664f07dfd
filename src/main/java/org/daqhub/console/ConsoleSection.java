package org.daqhub.console;

/**
 * One capability's part of the operator console (see {@link ConsoleSnapshot}): each capability
 * that runs declares a bean of this type with what its operators watch, so the console needs no
 * knowledge of the capabilities and a capability that is off simply has no section.
 */
public interface ConsoleSection {

    /** Key of the section in the snapshot ({@code detectors}, {@code writer}, ...). */
    String id();

    /** What to show now: maps, lists, numbers and strings only (written as JSON once a tick). */
    Object snapshot();

    /**
     * True when the capability's own REST verbs for the same data need a signed-in user: with auth
     * on, such a section reaches only pages that send a user's token.
     */
    default boolean forUsersOnly() {
        return false;
    }

    /** A section from a lambda. */
    static ConsoleSection of(String id, boolean forUsersOnly, java.util.function.Supplier<Object> snapshot) {
        return new ConsoleSection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Object snapshot() {
                return snapshot.get();
            }

            @Override
            public boolean forUsersOnly() {
                return forUsersOnly;
            }
        };
    }
}
