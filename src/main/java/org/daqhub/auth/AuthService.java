package org.daqhub.auth;

import java.util.Map;
import java.util.UUID;

import org.daqhub.web.ErrorMessages;
import org.daqhub.web.JsonBodies;
import org.daqhub.web.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Accounts and tokens (bean {@code auth}): sign-up (pending until an admin accepts, except the
 * configured admin's first sign-up), login to an API token, access tokens from it, the admin's user
 * management, and the check of a bearer token that every protected endpoint goes through.
 */
public class AuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    /** RFC 5321's limit for an address in a mail path. */
    static final int MAX_EMAIL = 254;
    static final int MAX_PASSWORD_BYTES = 72;
    /** The columns of name, institution and experiment. */
    static final int MAX_FIELD = 255;

    private final AuthProperties properties;
    private final UserStore users;
    private final Tokens tokens;
    private final PasswordEncoder passwords;
    private final Notifications notifications;
    /** ServiceX answers a bad body 400 with the text as {@code message}, which its clients show. */
    private static final JsonBodies.Style STYLE = new JsonBodies.Style(Problem.BAD_INPUT, false, "message");

    private final JsonBodies bodies;
    private final AttemptLimits attempts;
    /**
     * Checked against the password given for an unknown account, so a login takes as long whether
     * the account exists or not (bcrypt's cost either way) and its time tells nothing.
     */
    private final String unknownAccountHash;

    public AuthService(AuthProperties properties, UserStore users, Tokens tokens, PasswordEncoder passwords,
            Notifications notifications, JsonBodies bodies, AttemptLimits attempts) {
        this.properties = properties;
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.notifications = notifications;
        this.bodies = bodies;
        this.attempts = attempts;
        this.unknownAccountHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * {@code POST /signup} {@code {email, password, name, institution, experiment}}: 201.
     *
     * @param client the client's address (attempts are limited per address and per account)
     */
    public AuthAnswers.SignedUp signup(String body, String client) {
        SignupRequest request = bodies.read(body, SignupRequest.class, STYLE);
        attempts.attempt("sign-up", request.email(), client);
        return signup(request);
    }

    private synchronized AuthAnswers.SignedUp signup(SignupRequest request) {
        String email = request.email();
        if (email.length() > MAX_EMAIL || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw AuthErrors.error(Problem.BAD_INPUT, "email '" + ErrorMessages.abbreviate(email, 80)
                    + "' is not an e-mail address"
                    + (email.length() > MAX_EMAIL ? " (at most " + MAX_EMAIL + " characters)" : ""));
        }
        String password = request.password();
        if (password.length() < properties.minPasswordLength()) {
            throw AuthErrors.error(Problem.BAD_INPUT, "password must have at least " + properties.minPasswordLength() + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            // bcrypt reads only the first 72 bytes: a longer password would be silently cut
            throw AuthErrors.error(Problem.BAD_INPUT, "password must be at most " + MAX_PASSWORD_BYTES + " bytes (bcrypt's limit)");
        }
        boolean admin = !properties.adminEmail().isBlank() && properties.adminEmail().equalsIgnoreCase(email)
                && !users.hasAdmin();
        User user;
        try {
            user = users.insert("local:" + email.toLowerCase(), email, request.name(), request.institution(),
                    request.experiment(), passwords.encode(password), admin, !admin);
        } catch (DuplicateKeyException e) {
            throw AuthErrors.error(Problem.CONFLICT, "a user with e-mail " + email + " exists already");
        }
        LOG.info("User {} signed up{}", email, admin ? " as admin" : ", pending approval");
        notifications.signedUp(user);
        return new AuthAnswers.SignedUp(admin ? "user " + email + " signed up as admin"
                : "user " + email + " signed up; an admin must accept the account before it can be used",
                user.id(), user.admin(), user.pending());
    }

    /**
     * {@code POST /login} {@code {email, password}}: a new API (refresh) token, which revokes the
     * previous one, and an access token.
     *
     * @param client the client's address (attempts are limited per address and per account)
     */
    public AuthAnswers.TokenAnswer login(String body, String client) {
        LoginRequest request = bodies.read(body, LoginRequest.class, STYLE);
        String email = request.email();
        String password = request.password();
        attempts.attempt("login", email, client);
        User user = users.byEmail(email).orElse(null);
        String hash = user == null ? null : user.passwordHash();
        boolean matches = passwords.matches(password, hash != null ? hash : unknownAccountHash);
        if (hash == null || !matches) {
            throw AuthErrors.unauthorized("wrong e-mail or password");
        }
        if (user.pending()) {
            throw AuthErrors.forbidden("the account " + email + " is pending approval by an admin");
        }
        String jti = UUID.randomUUID().toString();
        users.refreshToken(user.id(), jti);
        return new AuthAnswers.TokenAnswer(null, tokens.refresh(user, jti), tokens.access(user, jti));
    }

    /**
     * A sign-in through an OpenID Connect provider: the user is found by the provider's subject (or
     * by a verified e-mail of an existing account), or signed up (pending, or admin if it is the
     * configured admin's verified e-mail). An accepted user gets a new API token and an access token.
     */
    public synchronized AuthAnswers.TokenAnswer signInExternal(String issuer, String subject, String email,
            boolean emailVerified, String name) {
        String sub = "oidc:" + issuer + "#" + subject;
        User user = users.bySub(sub).orElse(null);
        if (user == null && email != null) {
            User existing = users.byEmail(email).orElse(null);
            if (existing != null && !emailVerified) {
                throw AuthErrors.error(Problem.CONFLICT, "an account with e-mail " + email + " exists and the provider does not"
                        + " vouch for the address; sign in with the account's password");
            }
            user = existing;
        }
        if (user == null) {
            if (email == null) {
                throw AuthErrors.error(Problem.BAD_INPUT, "the provider gave no e-mail address (ask for the email scope)");
            }
            if (name != null && name.length() > MAX_FIELD) {
                name = name.substring(0, MAX_FIELD); // the provider's display name, kept as far as it fits
            }
            boolean admin = emailVerified && !properties.adminEmail().isBlank()
                    && properties.adminEmail().equalsIgnoreCase(email) && !users.hasAdmin();
            try {
                user = users.insert(sub, email, name, null, null, null, admin, !admin);
            } catch (DuplicateKeyException e) {
                throw AuthErrors.error(Problem.CONFLICT, "a user with e-mail " + email + " exists already");
            }
            LOG.info("User {} signed up through {}{}", email, issuer, admin ? " as admin" : ", pending approval");
            notifications.signedUp(user);
        }
        if (user.pending()) {
            String text = "the account " + user.email() + " is pending approval by an admin";
            throw new org.daqhub.web.HubException(Problem.FORBIDDEN, text, Map.of("message", text, "pending", true));
        }
        String jti = UUID.randomUUID().toString();
        users.refreshToken(user.id(), jti);
        return new AuthAnswers.TokenAnswer(user.email(), tokens.refresh(user, jti), tokens.access(user, jti));
    }

    /** {@code POST /token/refresh} with {@code Authorization: Bearer <API token>}: {@code {"access_token"}}. */
    public AuthAnswers.TokenAnswer refresh(String authorization) {
        Tokens.Token token = verify(authorization, Tokens.REFRESH);
        User user = users.byId(token.userId()).orElseThrow(() -> AuthErrors.unauthorized("the user no longer exists"));
        if (!token.jti().equals(user.refreshToken())) {
            throw AuthErrors.error(Problem.NOT_AUTHENTICATED, "Invalid or outdated refresh token");
        }
        if (user.pending()) {
            throw AuthErrors.forbidden("the account " + user.email() + " is pending approval by an admin");
        }
        return new AuthAnswers.TokenAnswer(null, null, tokens.access(user, token.jti()));
    }

    /** The user behind a request's access token: 401 for a missing, bad, expired or revoked token, 403 if pending. */
    public User authenticate(String authorization) {
        Tokens.Token token = verify(authorization, Tokens.ACCESS);
        User user = users.byId(token.userId()).orElseThrow(() -> AuthErrors.unauthorized("the user no longer exists"));
        if (token.refreshId() == null || !token.refreshId().equals(user.refreshToken())) {
            throw AuthErrors.unauthorized("the token was revoked (a newer API token was issued)");
        }
        if (user.pending()) {
            throw AuthErrors.forbidden("the account " + user.email() + " is pending approval by an admin");
        }
        return user;
    }

    private Tokens.Token verify(String authorization, String type) {
        if (authorization == null || authorization.isBlank()) {
            throw AuthErrors.unauthorized("no token (Authorization: Bearer <token>)");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw AuthErrors.unauthorized("the Authorization header must be Bearer <token>");
        }
        try {
            return tokens.verify(authorization.substring(7).trim(), type);
        } catch (Tokens.Refused e) {
            throw AuthErrors.unauthorized(e.getMessage());
        }
    }

    /** {@code GET /users}. */
    public AuthAnswers.Users users() {
        return new AuthAnswers.Users(users.all().stream().map(u -> view(u, true)).toList());
    }

    /** {@code GET /pending}. */
    public AuthAnswers.Users pending() {
        return new AuthAnswers.Users(users.pending().stream().map(u -> view(u, false)).toList());
    }

    /** {@code DELETE /users/{id}}: the user and their tokens are gone. */
    public AuthAnswers.Message deleteUser(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw AuthErrors.error(Problem.BAD_INPUT, "user id '" + idText + "' is not an integer");
        }
        if (!users.delete(id)) {
            throw AuthErrors.error(Problem.NOT_FOUND, "user " + id + " not found");
        }
        LOG.info("User {} deleted", id);
        return new AuthAnswers.Message("user " + id + " deleted");
    }

    /** {@code DELETE /pending}: rejects every pending sign-up. */
    public AuthAnswers.Message rejectPending() {
        int n = users.deletePending();
        LOG.info("{} pending user(s) rejected", n);
        return new AuthAnswers.Message(n + " pending user(s) rejected");
    }

    /** {@code POST /accept} {@code {"email"}}. */
    public AuthAnswers.Message accept(String body) {
        String email = bodies.read(body, AcceptRequest.class, STYLE).email();
        User user = users.byEmail(email).orElseThrow(() -> AuthErrors.error(Problem.NOT_FOUND, "user " + email + " not found"));
        users.accept(user.id());
        LOG.info("User {} accepted", email);
        notifications.accepted(user);
        return new AuthAnswers.Message("user " + email + " now ready for access");
    }

    private static AuthAnswers.UserView view(User u, boolean withPending) {
        return new AuthAnswers.UserView(u.email(), u.id(), u.admin(), withPending ? u.pending() : null);
    }

}
