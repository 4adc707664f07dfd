package org.daqhub.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.daqhub.auth.oidc.OidcClient;
import org.daqhub.auth.oidc.OidcProperties;
import org.daqhub.auth.oidc.OidcSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Wires users and tokens, and the filter that enforces them with {@code daqhub.auth.enabled}. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    @Bean
    UserStore userStore(NamedParameterJdbcTemplate jdbc) {
        return new UserStore(jdbc);
    }

    @Bean
    Tokens tokens(AuthProperties properties, @Value("${daqhub.data-dir}") Path dataDir) throws IOException {
        return new Tokens(TokenSecret.resolve(properties.jwtSecret(), dataDir), properties.accessTokenTtl(),
                properties.refreshTokenTtl(), Clock.systemUTC());
    }

    @Bean(name = "auth")
    AuthService auth(AuthProperties properties, UserStore users, Tokens tokens, ObjectMapper json,
            ObjectProvider<JavaMailSender> mail) {
        return new AuthService(properties, users, tokens, new BCryptPasswordEncoder(),
                new Notifications(properties.signupWebhookUrl(), mail.getIfAvailable(), properties.mailFrom(), json),
                json);
    }

    @Bean(name = "oidcSignIn")
    OidcSignIn oidcSignIn(OidcProperties properties, Tokens tokens, AuthService auth, ObjectMapper json) {
        return new OidcSignIn(properties, new OidcClient(properties, json), tokens, auth);
    }

    @Bean
    AccessRules accessRules(AuthProperties properties, @Value("${daqhub.registry.base-path:}") String registry,
            @Value("${daqhub.datastore.base-path:/datastore}") String datastore,
            @Value("${daqhub.event-streams.base-path:/event-stream}") String eventStreams,
            @Value("${daqhub.requests.base-path:/servicex}") String requests) {
        return new AccessRules(new AccessRules.BasePaths(registry, datastore, eventStreams, requests),
                properties.openCapabilities());
    }

    /** After the request size check, before any endpoint. */
    @Bean
    FilterRegistrationBean<AuthFilter> authFilter(AccessRules rules, AuthService auth, AuthProperties properties) {
        FilterRegistrationBean<AuthFilter> registration = new FilterRegistrationBean<>(
                new AuthFilter(rules, auth, properties.enabled()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
