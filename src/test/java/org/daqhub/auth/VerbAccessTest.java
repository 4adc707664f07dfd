package org.daqhub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;

/** Reading the access a REST verb declares, without Camel running. */
class VerbAccessTest {

    @Test
    void theThreeDeclarationsAndNone() {
        assertThat(VerbAccess.declared(verb("open", null))).isEqualTo(Access.OPEN);
        assertThat(VerbAccess.declared(verb("bearer", "user"))).isEqualTo(Access.USER);
        assertThat(VerbAccess.declared(verb("bearer", "admin"))).isEqualTo(Access.ADMIN);
        assertThat(VerbAccess.declared(new org.apache.camel.model.rest.PostDefinition())).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingTheVerb() {
        RestDefinition rest = new RestDefinition();
        rest.post("/a").id("a").security("bearer", "everyone");
        rest.post("/b").id("b");
        rest.get("/c").id("c").security("open", "user");
        assertThatThrownBy(() -> VerbAccess.check(List.of(rest)))
                .hasMessageContaining("POST /a (a): security must be")
                .hasMessageContaining("GET /c (c)")
                .hasMessageNotContaining("POST /b");
    }

    @Test
    void undeclaredVerbsAreListedAndClosed() {
        RestDefinition rest = new RestDefinition();
        rest.setPath("/x");
        rest.post("/y").id("y");
        rest.get("/z").id("z").security("open");
        assertThat(VerbAccess.check(List.of(rest))).containsExactly("POST /x/y (y)");
        assertThat(new VerbAccess(List.of()).decide(rest, rest.getVerbs().get(0)))
                .isEqualTo(new VerbAccess.Decision(Access.USER, false));
    }

    @Test
    void anOpenCapabilityOpensAllItsVerbsButUsersCannotBeOpened() {
        RestDefinition rest = new RestDefinition();
        rest.setTag("registry");
        rest.get("/resetService").id("r").security("bearer", "admin");
        assertThat(new VerbAccess(List.of("registry")).decide(rest, rest.getVerbs().get(0)).access())
                .isEqualTo(Access.OPEN);
        assertThat(new VerbAccess(List.of()).decide(rest, rest.getVerbs().get(0)).access()).isEqualTo(Access.ADMIN);
        assertThatThrownBy(() -> new VerbAccess(List.of("users"))).hasMessageContaining("unknown capability 'users'");
    }

    private static VerbDefinition verb(String key, String scopes) {
        VerbDefinition verb = new org.apache.camel.model.rest.PostDefinition();
        SecurityDefinition security = new SecurityDefinition();
        security.setKey(key);
        security.setScopes(scopes);
        verb.setSecurity(List.of(security));
        return verb;
    }
}
