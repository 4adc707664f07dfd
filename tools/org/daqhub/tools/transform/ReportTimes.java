package org.daqhub.tools.transform;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ServiceX's status timestamps: {@code %Y-%m-%dT%H:%M:%S.%f}, UTC, no zone. */
public final class ReportTimes {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private ReportTimes() {
    }

    public static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(FORMAT);
    }
}
