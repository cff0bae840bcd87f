package org.joinedup.hub.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The demo family on a {@link DemoFamilyProfile} hub, once every agency's data has arrived. */
public final class DemoFamily {

    public static final String DAVE_NHS = "9434765919";
    public static final String KAYLEIGH_NHS = "4857773406";

    private DemoFamily() {
    }

    /** Dave's person id, once all five contributions, his tenancy and his benefits are on his record. */
    public static String dave() {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> found = given().auth().oauth2(DemoTokens.of("coordinator"))
                    .get("/api/people?nhsNumber=" + DAVE_NHS).then().extract().jsonPath().getList("id");
            if (found == null || found.isEmpty()) {
                return null;
            }
            JsonPath person = read("coordinator", found.get(0)).then().extract().jsonPath();
            return person.getList("contributions").size() == 5 && !person.getList("benefits").isEmpty()
                    && !person.getList("tenancies").isEmpty() ? found.get(0) : null;
        }, id -> id != null);
    }

    /** {@code GET /api/people/{id}} as a demo user. */
    public static Response read(String user, String personId) {
        return given().auth().oauth2(DemoTokens.of(user)).get("/api/people/" + personId);
    }
}
