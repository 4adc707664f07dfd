package org.daqhub.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request bodies still arriving after their headers, counted per client address and in all, so
 * that one client (or all together) can keep only so many of them open at once.
 */
final class PendingBodies {

    /** Why a new pending body is refused, or null. */
    enum Refusal { PER_CLIENT, IN_ALL }

    private final int perClient;
    private final int inAll;
    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    PendingBodies(int perClient, int inAll) {
        this.perClient = perClient;
        this.inAll = inAll;
    }

    /** Takes a place for a body from {@code client}, or says why there is none. */
    Refusal admit(String client) {
        if (total.incrementAndGet() > inAll) {
            total.decrementAndGet();
            return Refusal.IN_ALL;
        }
        if (byClient.merge(client, 1, Integer::sum) > perClient) {
            release(client);
            return Refusal.PER_CLIENT;
        }
        return null;
    }

    void release(String client) {
        total.decrementAndGet();
        byClient.computeIfPresent(client, (c, count) -> count <= 1 ? null : count - 1);
    }

    int pending() {
        return total.get();
    }

    int perClient() {
        return perClient;
    }

    int inAll() {
        return inAll;
    }
}
