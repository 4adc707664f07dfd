package org.daqhub.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds who sent each request, with auth on: the user of a valid access token in
 * {@code Authorization}, or why there is none (missing, malformed, forged, expired or revoked
 * token; pending account). The answer goes to {@link AccessGuard}, which decides at the consumer
 * the request reaches whether that endpoint needs a user; this filter refuses nothing itself, so
 * no path or method spelling can slip past a rule kept here.
 *
 * <p>The user's id reaches the routes as the {@link #USER_HEADER} request header and the client's
 * address as {@link #CLIENT_HEADER}, never taken from the client: headers of those names are
 * replaced.
 */
public class AuthFilter extends OncePerRequestFilter {

    /**
     * The authenticated user's id, as a request header the routes can read (for instance to record
     * who submitted a request). Never taken from the client: a header of that name is removed.
     */
    public static final String USER_HEADER = "X-DaqHub-User-Id";

    /**
     * The client's address as the hub's server sees it (behind a proxy: from X-Forwarded-For with
     * server.forward-headers-strategy=native), for limits per client. Never taken from the client.
     */
    public static final String CLIENT_HEADER = "X-DaqHub-Client-Address";

    private final AuthService auth;
    private final boolean enabled;

    /** @param enabled off: nobody is identified; the hub's headers are still never taken from clients */
    public AuthFilter(AuthService auth, boolean enabled) {
        this.auth = auth;
        this.enabled = enabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = null;
        if (enabled) {
            Authentication authentication = Authentication.of(auth, request.getHeader("Authorization"));
            authentication.attachTo(request);
            userId = authentication.userId();
        }
        chain.doFilter(new TrustedHeaders(request, userId), response);
    }

    /**
     * The request with the hub's own headers ({@link #USER_HEADER}, {@link #CLIENT_HEADER}) set by
     * the hub: a client's headers of those names are never seen.
     */
    private static final class TrustedHeaders extends HttpServletRequestWrapper {
        private final Map<String, String> trusted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        TrustedHeaders(HttpServletRequest request, String userId) {
            super(request);
            if (userId != null) {
                trusted.put(USER_HEADER, userId);
            }
            trusted.put(CLIENT_HEADER, request.getRemoteAddr());
        }

        @Override
        public String getHeader(String name) {
            return isTrusted(name) ? trusted.get(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!isTrusted(name)) {
                return super.getHeaders(name);
            }
            String value = trusted.get(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
                String n = e.nextElement();
                if (!isTrusted(n)) {
                    names.add(n);
                }
            }
            names.addAll(trusted.keySet());
            return Collections.enumeration(names);
        }

        private static boolean isTrusted(String name) {
            return USER_HEADER.equalsIgnoreCase(name) || CLIENT_HEADER.equalsIgnoreCase(name);
        }
    }
}
