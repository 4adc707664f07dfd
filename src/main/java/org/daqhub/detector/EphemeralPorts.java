package org.daqhub.detector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a detector's port may be taken although no other server uses it: std_daq's ports (50000s)
 * lie in Linux's ephemeral range (32768-60999 by default), from which every outgoing connection
 * of the machine gets its local port. A port there that is not reserved
 * ({@code net.ipv4.ip_local_reserved_ports}) is taken now and then by some client, and the
 * detector cannot bind it. This adds that reason to a bind failure.
 */
final class EphemeralPorts {

    private static final Pattern PORT = Pattern.compile(":(\\d{1,5})\\b");
    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Path RESERVED = Path.of("/proc/sys/net/ipv4/ip_local_reserved_ports");

    private EphemeralPorts() {
    }

    /** The hint for a failure {@code message} naming a port, or "" when it does not apply. */
    static String hint(String message) {
        try {
            return hint(message, Files.readString(RANGE), Files.readString(RESERVED));
        } catch (IOException | RuntimeException notLinux) {
            return "";
        }
    }

    static String hint(String message, String range, String reserved) {
        Matcher m = message == null ? null : PORT.matcher(message);
        if (m == null || !m.find()) {
            return "";
        }
        int port = Integer.parseInt(m.group(1));
        String[] bounds = range.trim().split("\\s+");
        int low = Integer.parseInt(bounds[0]);
        int high = Integer.parseInt(bounds[1]);
        if (port < low || port > high || reservedPorts(reserved, port)) {
            return "";
        }
        return " (port " + port + " is in this machine's ephemeral range " + low + "-" + high
                + ", where outgoing connections take their local ports: reserve the detectors' ports, e.g. "
                + "sysctl -w net.ipv4.ip_local_reserved_ports=50000-50999)";
    }

    private static boolean reservedPorts(String reserved, int port) {
        for (String part : reserved.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] r = part.trim().split("-");
            int from = Integer.parseInt(r[0]);
            int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }
}
