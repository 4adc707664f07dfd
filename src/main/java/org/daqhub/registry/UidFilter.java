package org.daqhub.registry;

import com.google.re2j.Pattern;

/**
 * A lookup's criteria: uid_regex (RE2 syntax, evaluated in linear time, so no expression can hang
 * the hub the way a backtracking engine can) and the exact data_type.
 *
 * @param key a string identifying the criteria, for caching matches
 */
public record UidFilter(String regex, String dataType, Pattern pattern, boolean fullMatch, String key) {

    public static UidFilter of(Pattern pattern, String regex, String dataType, boolean fullMatch) {
        return new UidFilter(regex, dataType, pattern, fullMatch,
                (fullMatch ? "F" : "S") + regex.length() + ":" + regex + dataType);
    }

    public boolean matches(String uid, String entryDataType) {
        if (!dataType.equals(entryDataType)) {
            return false;
        }
        return fullMatch ? pattern.matches(uid) : pattern.matcher(uid).find();
    }
}
