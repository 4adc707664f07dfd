package org.daqhub.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The hub's JWTs, HMAC-SHA256 signed: an API (refresh) token whose id is stored with the user, so
 * issuing a new one or deleting the user revokes it, and short-lived access tokens made from it
 * that carry the refresh token's id ({@code rti}), so they die with it.
 */
public final class Tokens {

    public static final String REFRESH = "refresh";
    public static final String ACCESS = "access";

    /** A verified token's claims. */
    public record Token(long userId, String jti, String type, String refreshId, Instant expires) {
    }

    /** Why a token is refused (answered 401 with this text). */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    public Tokens(byte[] secret, Duration accessTtl, Duration refreshTtl, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token secret (daqhub.auth.jwt-secret, JWT_SECRET_KEY) must be at"
                    + " least 32 bytes, it has " + secret.length);
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** A new API token for the user; its id is what the user row must hold for it to be valid. */
    public String refresh(User user, String jti) {
        return sign(new JWTClaimsSet.Builder().subject(Long.toString(user.id())).jwtID(jti)
                .claim("typ", REFRESH).claim("email", user.email()), refreshTtl);
    }

    public String access(User user, String refreshId) {
        return sign(new JWTClaimsSet.Builder().subject(Long.toString(user.id())).jwtID(UUID.randomUUID().toString())
                .claim("typ", ACCESS).claim("rti", refreshId).claim("email", user.email())
                .claim("admin", user.admin()), accessTtl);
    }

    private String sign(JWTClaimsSet.Builder claims, Duration ttl) {
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The state of an OpenID Connect sign-in: signed, short-lived, so any replica can take the callback. */
    public String signInState(String nonce, String redirectUri, Duration ttl) {
        return sign(new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("typ", "oidc-state")
                .claim("nonce", nonce).claim("redirect_uri", redirectUri), ttl);
    }

    /** The nonce and redirect URI of a sign-in state this hub issued, or why it is refused. */
    public String[] verifySignInState(String state) throws Refused {
        try {
            SignedJWT jwt = SignedJWT.parse(state);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)
                    || !"oidc-state".equals(claims.getClaim("typ"))) {
                throw new Refused("the sign-in state was not issued by this hub");
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
                throw new Refused("the sign-in took too long; start again");
            }
            return new String[] {claims.getStringClaim("nonce"), claims.getStringClaim("redirect_uri")};
        } catch (ParseException | JOSEException e) {
            throw new Refused("the sign-in state was not issued by this hub");
        }
    }

    /** Checks signature, expiry and type; answers the claims or why the token is refused. */
    public Token verify(String token, String type) throws Refused {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("the token is not a JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new Refused("the token is not signed by this hub");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new Refused("the token's signature is not valid");
            }
        } catch (JOSEException e) {
            throw new Refused("the token's signature is not valid");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(clock.instant())) {
            throw new Refused("the token has expired");
        }
        Object typ = claims.getClaim("typ");
        if (!type.equals(typ)) {
            throw new Refused(type.equals(ACCESS) ? "an access token is needed (POST /token/refresh gives one)"
                    : "a refresh (API) token is needed");
        }
        long userId;
        try {
            userId = Long.parseLong(claims.getSubject());
        } catch (NumberFormatException e) {
            throw new Refused("the token names no user");
        }
        Object rti = claims.getClaim("rti");
        return new Token(userId, claims.getJWTID(), type, rti == null ? null : rti.toString(), expires.toInstant());
    }
}
