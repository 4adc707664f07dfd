package org.daqhub.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connection registry settings.
 *
 * @param basePath    paths of the registry start with this ("": the root, as DUNE clients expect)
 * @param entryTtl    lookups leave out entries not re-published for this long (the original's
 *                    {@code ENTRY_TTL}, which is also read, in seconds, when this is not set)
 * @param purgeAfter  expired entries are deleted this long after they expired, so memory stays bounded
 * @param purgeInterval how often expired entries are looked for
 * @param matchMode   {@code full}: uid_regex must match the whole uid (newest upstream); {@code search}:
 *                    anywhere in it (the seed's re.search)
 * @param store       {@code memory} (one hub) or {@code redis} (replicas share one registry)
 * @param redisPrefix prefix of the Redis keys
 */
@ConfigurationProperties("daqhub.registry")
public record RegistryProperties(String basePath, Duration entryTtl, Duration purgeAfter, Duration purgeInterval,
        MatchMode matchMode, String store, String redisPrefix) {

    public enum MatchMode { FULL, SEARCH }

    public RegistryProperties {
        if (entryTtl == null) {
            String env = System.getenv("ENTRY_TTL");
            entryTtl = env != null && !env.isBlank() ? Duration.ofMillis((long) (Double.parseDouble(env) * 1000))
                    : Duration.ofSeconds(10);
        }
        basePath = basePath == null ? "" : basePath;
        purgeAfter = purgeAfter == null ? Duration.ofMinutes(10) : purgeAfter;
        purgeInterval = purgeInterval == null ? Duration.ofSeconds(30) : purgeInterval;
        matchMode = matchMode == null ? MatchMode.FULL : matchMode;
        store = store == null ? "memory" : store;
        redisPrefix = redisPrefix == null ? "daqhub:registry:" : redisPrefix;
    }
}
