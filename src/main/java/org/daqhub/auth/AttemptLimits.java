package org.daqhub.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.daqhub.web.HubException;

/**
 * Limits login and sign-up attempts, per account and per client address, with Bucket4j token
 * buckets: each allows {@code perAccount} (or {@code perAddress}) attempts at once and refills at
 * that many per {@code window}. Past the limit the answer is 429 with {@code Retry-After}, so
 * password guessing runs at a few attempts a minute per account. Idle buckets are dropped, so
 * memory stays bounded whatever the number of addresses.
 */
public class AttemptLimits {

    /** Buckets kept per limit before idle ones (full again) are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Limit accounts;
    private final Limit addresses;
    private final Duration window;
    private final AtomicLong refused = new AtomicLong();

    public AttemptLimits(long perAccount, long perAddress, Duration window) {
        this.window = window;
        this.accounts = new Limit(perAccount);
        this.addresses = new Limit(perAddress);
    }

    /**
     * Counts one attempt of {@code what} ("login", "sign-up") for the account and the address.
     *
     * @throws HubException 429 naming the limit reached, with a Retry-After header
     */
    public void attempt(String what, String account, String address) {
        if (address != null) {
            addresses.take(address, what + " attempts from " + address);
        }
        if (account != null) {
            accounts.take(account.toLowerCase(Locale.ROOT), what + " attempts for " + account);
        }
    }

    /** Attempts refused since start. */
    public long refused() {
        return refused.get();
    }

    /** One bucket per key, all of one capacity. */
    private final class Limit {
        private final long capacity;
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

        Limit(long capacity) {
            this.capacity = capacity;
        }

        void take(String key, String description) {
            if (buckets.size() > SWEEP_ABOVE) {
                buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
            }
            Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                refused.incrementAndGet();
                long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
                throw HubException.tooManyRequests("too many " + description + " (at most " + capacity + " per "
                        + window.toSeconds() + " s); try again in " + seconds + " s", Duration.ofSeconds(seconds));
            }
        }
    }
}
