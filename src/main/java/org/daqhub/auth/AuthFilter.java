package org.daqhub.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.daqhub.web.ErrorBody;
import org.daqhub.web.HubException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * With auth on, a request to a protected endpoint ({@link AccessRules}) goes on only with a valid
 * access token of an accepted user holding the rule's role: 401 for a missing, malformed, forged,
 * expired or revoked token, 403 for a pending user or a missing role, in the hub's JSON error shape
 * (with ServiceX's {@code message} key). The path is decoded and normalised the way the endpoints
 * are matched, so {@code /publish;x} or {@code //publish} are the same endpoint.
 */
public class AuthFilter extends OncePerRequestFilter {

    /**
     * The authenticated user's id, as a request header the routes can read (for instance to record
     * who submitted a request). Never taken from the client: a header of that name is removed.
     */
    public static final String USER_HEADER = "X-DaqHub-User-Id";

    private final AccessRules rules;
    private final AuthService auth;
    private final boolean enabled;
    private final UrlPathHelper paths = new UrlPathHelper();

    /** @param enabled off: no endpoint is protected; the identity header is still never taken from clients */
    public AuthFilter(AccessRules rules, AuthService auth, boolean enabled) {
        this.rules = rules;
        this.auth = auth;
        this.enabled = enabled;
        paths.setRemoveSemicolonContent(true);
        paths.setUrlDecode(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!enabled) {
            chain.doFilter(request.getHeader(USER_HEADER) == null ? request : new IdentityHeader(request, null),
                    response);
            return;
        }
        String path = paths.getPathWithinApplication(request);
        Optional<AccessRules.Rule> rule = rules.find(request.getMethod(), path);
        if (rule.isEmpty()) {
            chain.doFilter(request.getHeader(USER_HEADER) == null ? request : new IdentityHeader(request, null),
                    response);
            return;
        }
        User user;
        try {
            user = auth.authenticate(request.getHeader("Authorization"));
            if (rule.get().role().equals(AccessRules.ADMIN) && !user.admin()) {
                throw AuthErrors.forbidden("this endpoint is for admins; " + user.email() + " is not one");
            }
        } catch (HubException e) {
            refuse(response, e, path);
            return;
        }
        chain.doFilter(new IdentityHeader(request, Long.toString(user.id())), response);
    }

    /** The request with {@link #USER_HEADER} set to the authenticated user, or removed. */
    private static final class IdentityHeader extends HttpServletRequestWrapper {
        private final String userId;

        IdentityHeader(HttpServletRequest request, String userId) {
            super(request);
            this.userId = userId;
        }

        @Override
        public String getHeader(String name) {
            return USER_HEADER.equalsIgnoreCase(name) ? userId : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!USER_HEADER.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return Collections.enumeration(userId == null ? List.of() : List.of(userId));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
                String n = e.nextElement();
                if (!USER_HEADER.equalsIgnoreCase(n)) {
                    names.add(n);
                }
            }
            if (userId != null) {
                names.add(USER_HEADER);
            }
            return Collections.enumeration(names);
        }
    }

    private static void refuse(HttpServletResponse response, HubException e, String path) throws IOException {
        response.setStatus(e.status());
        if (e.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(ErrorBody.json(e.getMessage(), e.status(), path, e.details())
                .getBytes(StandardCharsets.UTF_8));
    }
}
