package org.daqhub.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
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

    /** The request attribute holding the authenticated {@link User}. */
    public static final String USER = "daqhub.user";

    private final AccessRules rules;
    private final AuthService auth;
    private final UrlPathHelper paths = new UrlPathHelper();

    public AuthFilter(AccessRules rules, AuthService auth) {
        this.rules = rules;
        this.auth = auth;
        paths.setRemoveSemicolonContent(true);
        paths.setUrlDecode(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = paths.getPathWithinApplication(request);
        Optional<AccessRules.Rule> rule = rules.find(request.getMethod(), path);
        if (rule.isPresent()) {
            try {
                User user = auth.authenticate(request.getHeader("Authorization"));
                if (rule.get().role().equals(AccessRules.ADMIN) && !user.admin()) {
                    throw AuthErrors.forbidden("this endpoint is for admins; " + user.email() + " is not one");
                }
                request.setAttribute(USER, user);
            } catch (HubException e) {
                refuse(response, e, path);
                return;
            }
        }
        chain.doFilter(request, response);
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
