package org.daqhub.auth;

import java.io.IOException;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.daqhub.auth.oidc.OidcClient;
import org.daqhub.auth.oidc.OidcProperties;
import org.daqhub.auth.oidc.OidcSignIn;
import org.daqhub.config.DataDirectory;
import org.daqhub.routes.RestCheck;
import org.daqhub.web.JsonBodies;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.servlet.handler.MappedInterceptor;

/** Wires users and tokens, and the filter that enforces them with {@code daqhub.auth.enabled}. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    @Bean
    UserStore userStore(NamedParameterJdbcTemplate jdbc) {
        return new UserStore(jdbc);
    }

    @Bean
    Tokens tokens(AuthProperties properties, DataDirectory data) throws IOException {
        return new Tokens(TokenSecret.resolve(properties.jwtSecret(), data.root()), properties.accessTokenTtl(),
                properties.refreshTokenTtl(), Clock.systemUTC());
    }

    @Bean
    AttemptLimits attemptLimits(AuthProperties properties, MeterRegistry meters) {
        AttemptLimits limits = new AttemptLimits(properties.attemptsPerAccount(), properties.attemptsPerAddress(),
                properties.attemptsWindow());
        FunctionCounter.builder("daqhub.auth.attempts.refused", limits, AttemptLimits::refused)
                .description("Login and sign-up attempts refused with 429 (daqhub.auth.attempts-*)").register(meters);
        return limits;
    }

    @Bean(name = "auth")
    AuthService auth(AuthProperties properties, UserStore users, Tokens tokens, ObjectMapper json,
            JsonBodies bodies, ObjectProvider<JavaMailSender> mail, AttemptLimits attempts) {
        return new AuthService(properties, users, tokens, new BCryptPasswordEncoder(),
                new Notifications(properties.signupWebhookUrl(), mail.getIfAvailable(), properties.mailFrom(), json),
                bodies, attempts);
    }

    @Bean(name = "oidcSignIn")
    OidcSignIn oidcSignIn(OidcProperties properties, AuthProperties auth, Tokens tokens, AuthService users,
            ObjectMapper json) {
        return new OidcSignIn(properties, new OidcClient(properties, json), tokens, users, auth.basePath());
    }

    @Bean
    VerbAccess verbAccess(AuthProperties properties) {
        return new VerbAccess(properties.openCapabilities());
    }

    /** Every routes file's verbs: a malformed access declaration rejects the file, a missing one is warned of. */
    @Bean
    RestCheck accessDeclarations() {
        return rests -> VerbAccess.check(rests).stream()
                .map(verb -> verb + ": no access declared (security), so it needs a user's token").toList();
    }

    /** Decides at the REST consumer a request reaches; told of every endpoint so reloads are followed. */
    @Bean
    AccessGuard accessGuard(CamelContext camel, VerbAccess verbs, AuthProperties properties,
            @Value("${camel.rest.api-context-route-id:openapi}") String apiRouteId) {
        AccessGuard guard = new AccessGuard(camel, verbs, properties.enabled(), apiRouteId);
        camel.getComponent("platform-http", PlatformHttpComponent.class).addPlatformHttpListener(guard);
        return guard;
    }

    /** The OpenAPI document, with the verbs' access in OpenAPI's terms. */
    @Bean
    OpenApiSecurity openApiSecurity(ObjectMapper json, AuthProperties properties, VerbAccess verbs) {
        return new OpenApiSecurity(json, properties.enabled(), verbs);
    }

    /** Picked up by every Spring MVC handler mapping, Camel's REST mapping included. */
    @Bean
    MappedInterceptor accessInterceptor(AccessGuard guard) {
        return new MappedInterceptor(null, new AccessInterceptor(guard));
    }

    /** After the request size check, before any endpoint: finds who sent the request. */
    @Bean
    FilterRegistrationBean<AuthFilter> authFilter(AuthService auth, AuthProperties properties) {
        FilterRegistrationBean<AuthFilter> registration = new FilterRegistrationBean<>(
                new AuthFilter(auth, properties.enabled()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
