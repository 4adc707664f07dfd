package testoidc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for the tests: Spring Authorization Server with form login, one
 * registered client (the hub) and users whose user name is their e-mail address. Only the
 * auto-configuration a provider needs is imported, none of the hub's; the package is outside
 * org.daqhub so that the hub's component scan in the other tests never finds it.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
public class TestOidcProvider {

    public static final String CLIENT_ID = "daq-hub";
    public static final String CLIENT_SECRET = "hub-secret";
    public static final String PASSWORD = "provider-pass";

    /** Starts the provider on {@code port}; {@code redirectUri} is the hub's callback, {@code users} e-mail addresses. */
    public static ConfigurableApplicationContext start(int port, String redirectUri, String... users) {
        String client = "spring.security.oauth2.authorizationserver.client.hub.";
        return new SpringApplicationBuilder(TestOidcProvider.class).web(WebApplicationType.SERVLET)
                .properties("server.port=" + port, "spring.main.banner-mode=off",
                        "spring.config.location=optional:classpath:/testoidc/",
                        "spring.security.oauth2.authorizationserver.issuer=http://127.0.0.1:" + port,
                        client + "registration.client-id=" + CLIENT_ID,
                        client + "registration.client-secret={noop}" + CLIENT_SECRET,
                        client + "registration.client-authentication-methods=client_secret_basic",
                        client + "registration.authorization-grant-types=authorization_code",
                        client + "registration.redirect-uris=" + redirectUri,
                        client + "registration.scopes=openid,email,profile",
                        client + "require-authorization-consent=false",
                        "testoidc.users=" + String.join(",", users))
                .run();
    }

    @Bean
    UserDetailsService users(org.springframework.core.env.Environment env) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (String email : env.getRequiredProperty("testoidc.users").split(",")) {
            users.createUser(User.withUsername(email).password("{noop}" + PASSWORD).roles("USER").build());
        }
        return users;
    }

    /** ID tokens carry the user's e-mail (the user name here), verified, and a name. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> emailClaims() {
        return context -> {
            if ("id_token".equals(context.getTokenType().getValue())) {
                String email = context.getPrincipal().getName();
                context.getClaims().claim("email", email).claim("email_verified", true)
                        .claim("name", email.substring(0, email.indexOf('@')));
            }
        };
    }
}
