package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final AccessRules.BasePaths BASE = new AccessRules.BasePaths("", "/datastore", "/event-stream",
            "/servicex");

    @Test
    void writeAndAdminEndpointsAreProtectedReadsAreNot() {
        AccessRules rules = new AccessRules(BASE, List.of());
        assertThat(role(rules, "POST", "/publish")).isEqualTo("user");
        assertThat(role(rules, "POST", "/getconnection/p1")).isNull();
        assertThat(role(rules, "GET", "/getconnection/p1")).isNull();
        assertThat(role(rules, "GET", "/resetService")).isEqualTo("admin");
        assertThat(role(rules, "POST", "/detector/jungfrau")).isEqualTo("user");
        assertThat(role(rules, "GET", "/detector/jungfrau")).isNull();
        assertThat(role(rules, "POST", "/write_async")).isEqualTo("user");
        assertThat(role(rules, "POST", "/datastore/train")).isEqualTo("user");
        assertThat(role(rules, "POST", "/datastore/streamdata")).isNull();
        assertThat(role(rules, "POST", "/event-stream/")).isEqualTo("user");
        assertThat(role(rules, "DELETE", "/event-stream/3")).isEqualTo("user");
        assertThat(role(rules, "GET", "/event-stream/")).isNull();
        assertThat(role(rules, "GET", "/servicex/transformation/abc/status")).isEqualTo("user");
        assertThat(role(rules, "POST", "/servicex/internal/transformation/abc/1/status")).isNull();
        assertThat(role(rules, "DELETE", "/servicex/queues")).isEqualTo("admin");
        assertThat(role(rules, "POST", "/accept")).isEqualTo("admin");
        assertThat(role(rules, "DELETE", "/users/4")).isEqualTo("admin");
        assertThat(role(rules, "POST", "/signup")).isNull();
        assertThat(role(rules, "POST", "/token/refresh")).isNull();
    }

    @Test
    void doubledAndTrailingSlashesDoNotOpenAnEndpoint() {
        AccessRules rules = new AccessRules(BASE, List.of());
        assertThat(role(rules, "POST", "//publish")).isEqualTo("user");
        assertThat(role(rules, "POST", "/publish/")).isEqualTo("user");
        assertThat(role(rules, "POST", "/event-stream")).isEqualTo("user");
        assertThat(role(rules, "POST", "/datastore//train")).isEqualTo("user");
    }

    @Test
    void anOpenCapabilityKeepsItsWriteEndpointsOpenButNeverTheUserAdministration() {
        AccessRules rules = new AccessRules(BASE, List.of("registry", "datastore"));
        assertThat(role(rules, "POST", "/publish")).isNull();
        assertThat(role(rules, "POST", "/datastore/train")).isNull();
        assertThat(role(rules, "POST", "/write_sync")).isEqualTo("user");
        assertThat(role(rules, "GET", "/users")).isEqualTo("admin");
        assertThatThrownBy(() -> new AccessRules(BASE, List.of("users"))).hasMessageContaining("unknown capability 'users'");
    }

    @Test
    void configuredBasePathsAreFollowed() {
        AccessRules rules = new AccessRules(new AccessRules.BasePaths("/registry", "/ds", "/es", "/sx"), List.of());
        assertThat(role(rules, "POST", "/registry/publish")).isEqualTo("user");
        assertThat(role(rules, "POST", "/publish")).isNull();
        assertThat(role(rules, "POST", "/ds/cleanbuf")).isEqualTo("user");
        assertThat(role(rules, "POST", "/sx/transformation")).isEqualTo("user");
    }

    private static String role(AccessRules rules, String method, String path) {
        return rules.find(method, path).map(AccessRules.Rule::role).orElse(null);
    }
}
