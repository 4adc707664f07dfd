package org.daqhub.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.daqhub.web.HubException;

/**
 * Who sent a request, as {@link AuthFilter} found from its {@code Authorization} header: a user, or
 * why there is none. Kept as a request attribute for {@link AccessGuard}, which decides whether the
 * endpoint reached needs one.
 */
final class Authentication {

    private static final String ATTRIBUTE = Authentication.class.getName();
    private static final Authentication NONE = new Authentication(null,
            AuthErrors.unauthorized("no token (Authorization: Bearer <token>)"));

    private final User user;
    private final HubException failure;

    private Authentication(User user, HubException failure) {
        this.user = user;
        this.failure = failure;
    }

    static Authentication of(AuthService auth, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return NONE;
        }
        try {
            return new Authentication(auth.authenticate(authorization), null);
        } catch (HubException refused) {
            return new Authentication(null, refused);
        }
    }

    /** The one found by the filter for {@code request}; none if the filter did not run. */
    static Authentication of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Authentication a ? a : NONE;
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The user, or the refusal (401 for a missing or bad token, 403 for a pending account). */
    User user() {
        if (user == null) {
            throw failure;
        }
        return user;
    }

    /** The user's id, or null. */
    String userId() {
        return user == null ? null : Long.toString(user.id());
    }
}
