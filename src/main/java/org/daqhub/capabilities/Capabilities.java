package org.daqhub.capabilities;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The capabilities this instance runs, from {@code daqhub.capabilities} (a list; {@code all}, the
 * default, is every one). Refused at start, naming the problem: an unknown name, or the writer
 * without the detector whose images it writes.
 */
public final class Capabilities {

    public static final String PROPERTY = "daqhub.capabilities";

    private final EnumSet<Capability> running;

    private Capabilities(EnumSet<Capability> running) {
        this.running = running;
    }

    public static Capabilities from(Environment environment) {
        List<String> names = Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class))
                .orElse(List.of("all"));
        return of(names);
    }

    static Capabilities of(List<String> names) {
        EnumSet<Capability> running = EnumSet.noneOf(Capability.class);
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            if (name.trim().equalsIgnoreCase("all")) {
                running.addAll(EnumSet.allOf(Capability.class));
                continue;
            }
            running.add(Capability.of(name).orElseThrow(() -> new IllegalArgumentException(PROPERTY + ": '"
                    + name.trim() + "' is not a capability; use all or a list of "
                    + Arrays.stream(Capability.values()).map(Capability::id).collect(Collectors.joining(", ")))));
        }
        if (running.contains(Capability.WRITER) && !running.contains(Capability.DETECTOR)) {
            throw new IllegalArgumentException(PROPERTY + ": writer needs detector (the writer writes the images "
                    + "of this hub's detectors, or of another hub's replicated by a detector definition with "
                    + "stream_source)");
        }
        return new Capabilities(running);
    }

    public boolean runs(Capability capability) {
        return running.contains(capability);
    }

    public Set<Capability> running() {
        return EnumSet.copyOf(running);
    }

    public Set<Capability> off() {
        return EnumSet.complementOf(running);
    }
}
