package org.daqhub.capabilities;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.daqhub.web.ErrorBody;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the endpoints of a capability this instance does not run with the hub's JSON 404 naming
 * the capability ({@code daqhub.capabilities}), rather than a bare "no route", before
 * authentication: a client that reached the wrong tier learns where it is, whether it sent a token
 * or not.
 */
public class CapabilityOffFilter extends OncePerRequestFilter {

    /** A verb of a capability that is off. */
    public record OffVerb(Capability capability, RestPaths.Verb verb) {
    }

    private final List<OffVerb> off;

    public CapabilityOffFilter(List<OffVerb> off) {
        this.off = List.copyOf(off);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (OffVerb v : off) {
            if (v.verb().matches(request.getMethod(), path)) {
                String id = v.capability().id();
                response.setStatus(404);
                response.setContentType("application/json");
                response.getWriter().write(ErrorBody.json("the " + id + " capability does not run on this hub "
                        + "(daqhub.capabilities); " + request.getMethod() + " " + path + " is one of its endpoints",
                        404, path, Map.of("capability", id)));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
