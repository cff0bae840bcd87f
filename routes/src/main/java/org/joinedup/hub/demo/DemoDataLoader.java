package org.joinedup.hub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.platform.HubStartup.HubReady;

/**
 * Demo profile: once the hub is up, the demo family's NHS budgets arrive as trusts would send them, through the
 * real FHIR endpoint with a demo trust's token, the council's events through its real REST endpoint, and the
 * housing provider's nightly snapshot and the benefits agency's monthly file through the real file inboxes, and
 * employment services' award on their real queue. A later start pushes them again; the message store recognises
 * the repeats and nothing changes.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

    /** Oldham council's events about the same family, posted by the demo user 'council'. */
    private static final List<String> COUNCIL_EVENTS = List.of(
            "demo/socialcare/01-dave-client.json",
            "demo/socialcare/02-dave-allocation.json",
            "demo/socialcare/03-dave-home-care.json",
            "demo/socialcare/04-sam-client.json",
            "demo/socialcare/05-kayleigh-client.json");

    /** Oldham Housing's nightly snapshot with Dave's household, dropped into the housing inbox. */
    private static final String HOUSING_FILE = "tenancies-OLDHAMHSG-20261121.csv";

    /** Employment services' training award for Dave, published on their queue. */
    private static final String EMPLOYMENT_EVENT = "demo/employment/01-dave-training-award.json";

    /** The benefits agency's November file for Oldham, with Dave's and Sam's awards. */
    private static final String BENEFITS_FILE = "BEN_E08000004_202611_01.DAT";

    /** The council's section 75 pooled fund with its NHS partners, set up through the pools API. */
    static final String POOL_NAME = "Oldham integrated personal budgets (section 75)";

    /** Demo bundle, and the demo user (trust) who pushes it. */
    private static final Map<String, String> NHS_PUSHES = new LinkedHashMap<>();

    static {
        NHS_PUSHES.put("demo/nhs/01-dave-continuing-care-RR8.json", "trust");
        NHS_PUSHES.put("demo/nhs/02-dave-mental-health-RM3.json", "trust2");
    }

    @Inject
    HubConfig config;

    @Inject
    FhirContext fhir;

    @Inject
    org.apache.camel.ProducerTemplate camel;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @ConfigProperty(name = "quarkus.artemis.url")
    String brokerUrl;

    void load(@Observes HubReady ready) {
        if (!config.demo().loadData()) {
            return;
        }
        Thread loader = new Thread(this::pushAll, "demo-data-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void pushAll() {
        String base = "http://localhost:" + port;

        try {
            waitForHttp(base);
            String personId = null;
            for (Map.Entry<String, String> push : NHS_PUSHES.entrySet()) {
                IGenericClient client = fhir.newRestfulGenericClient(base + "/fhir");
                client.registerInterceptor(new BearerTokenAuthInterceptor(token(base, push.getValue())));
                String answer = client.transaction().withBundle(resource(push.getKey())).execute();
                Bundle response = fhir.newJsonParser().parseResource(Bundle.class, answer);
                personId = response.getEntryFirstRep().getResponse().getLocation();
                LOG.infof("Demo: pushed %s through POST /fhir as demo user '%s'", push.getKey(), push.getValue());
            }
            String council = token(base, "council");
            for (String event : COUNCIL_EVENTS) {
                post(base, "/api/inbound/social-care/events", council, resource(event));
                LOG.infof("Demo: posted %s to /api/inbound/social-care/events as demo user 'council'", event);
            }
            awaitCouncilEventsApplied(base);
            publishAsEmploymentServices(resource(EMPLOYMENT_EVENT));
            LOG.infof("Demo: published %s on the employment queue %s", EMPLOYMENT_EVENT, config.employment().queue());
            dropIntoInbox("demo/housing/" + HOUSING_FILE, config.housing().inbox());
            LOG.infof("Demo: dropped %s into the housing inbox %s", HOUSING_FILE, config.housing().inbox());
            dropIntoInbox("demo/benefits/" + BENEFITS_FILE, config.benefits().inbox());
            LOG.infof("Demo: dropped %s into the benefits inbox %s", BENEFITS_FILE, config.benefits().inbox());
            setUpThePooledFund(base, council);
            if (config.demo().cohort()) {
                DemoCohort.load(base, council, token(base, "coordinator"));
            }
            printWhereToLook(base, personId);
        } catch (Exception e) {
            LOG.errorf(e, "The demo data could not be pushed through the FHIR endpoint: %s", e.getMessage());
        }
    }

    private static void printWhereToLook(String base, String patientLocation) {
        String personId = patientLocation == null ? "<id>" : patientLocation.replace("Patient/", "");
        LOG.infof("""

                =====================================================================================
                 JoinedUp is running with demo data at %1$s
                   The coordinator's screen: %1$s/app  (sign in as Sam Patel, the demo coordinator;
                               Amir Khan approves Leeds' lines, Lin Chen looks after the message store)
                   Demo users: coordinator, council (E08000004), trust (RR8), trust2 (RM3), housing (OLDHAMHSG),
                               employment (DWP), operator
                   TOKEN=$(curl -s -X POST -d user=coordinator %1$s/auth/demo-token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   Dave, joined up (two trusts, council, housing, benefits, employment): curl -H "Authorization: Bearer $TOKEN" %1$s/api/people/%2$s
                   His family's case: curl -H "Authorization: Bearer $TOKEN" %1$s/api/people?nhsNumber=9434765919  (caseId)
                                 then %1$s/api/cases/<caseId>, and the caseload %1$s/api/cases?coordinator=coordinator
                   As FHIR:   %1$s/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number%%7C9434765919
                              %1$s/fhir/Account?patient=%2$s
                   Money:     %1$s/api/people/%2$s/budget, plans POST %1$s/api/plans, pools %1$s/api/pools
                   Operators: %1$s/api/inbound/messages   Health: %1$s/q/health   API: %1$s/q/openapi
                =====================================================================================
                """, base, personId);
    }

    /**
     * Oldham's section 75 pooled fund with its two NHS partners, set up by the council through {@code POST
     * /api/pools} once (a later start finds it there), with each partner's money for the year.
     */
    private static void setUpThePooledFund(String base, String council) throws IOException, InterruptedException {
        HttpResponse<String> known = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/api/pools")).header("Authorization", "Bearer " + council).build(),
                HttpResponse.BodyHandlers.ofString());
        if (known.body().contains(POOL_NAME)) {
            return;
        }
        String created = post(base, "/api/pools", council, """
                {"name": "%s", "hostCode": "E08000004", "partners": [
                  {"code": "E08000004", "department": "ADULT_SOCIAL_CARE", "name": "Oldham Council adult social care"},
                  {"code": "RR8", "name": "Leeds Teaching Hospitals NHS Trust"},
                  {"code": "RM3", "name": "Northern Care Alliance NHS Foundation Trust"}]}""".formatted(POOL_NAME));
        String pool = new ObjectMapper().readTree(created).get("id").asText();
        for (Map.Entry<String, Long> deposit : Map.of("E08000004", 200_000_000L, "RR8", 150_000_000L, "RM3",
                50_000_000L).entrySet()) {
            post(base, "/api/pools/" + pool + "/deposits", council, """
                    {"partnerCode": "%s", "reference": "DEMO-%s-2026", "periodStart": "2026-04-01",
                     "periodEnd": "2027-03-31", "money": "REVENUE", "amountPence": %d}"""
                    .formatted(deposit.getKey(), deposit.getKey(), deposit.getValue()));
        }
        LOG.infof("Demo: set up the pooled fund '%s' (%s) through POST /api/pools as demo user 'council'", POOL_NAME,
                pool);
    }

    private static String post(String base, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static void waitForHttp(String base) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the hub's HTTP port " + base + " did not open");
    }

    /**
     * The council's events are applied a moment after they are accepted; the housing file waits for them, so the
     * demo family comes out the same every time (which agency's record arrives first decides which identifiers link).
     */
    private static void awaitCouncilEventsApplied(String base) throws IOException, InterruptedException {
        String operator = token(base, "operator");
        for (int attempt = 0; attempt < 150; attempt++) {
            HttpResponse<String> applied = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/api/inbound/messages?agency=SOCIAL_CARE&status=APPLIED"))
                            .header("Authorization", "Bearer " + operator).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (applied.body().contains("OLD-CMS-2026-118203")) {
                return;
            }
            Thread.sleep(200);
        }
        LOG.warn("Demo: the council's events were not applied within 30 s; dropping the housing file anyway");
    }

    /** Writes the file beside the inbox's files under a temporary name, then renames it: it appears complete. */
    private static void dropIntoInbox(String resource, java.nio.file.Path inbox) throws IOException {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        java.nio.file.Files.createDirectories(inbox);
        java.nio.file.Path part = inbox.resolve(name + ".part");
        try (InputStream in = DemoDataLoader.class.getClassLoader().getResourceAsStream(resource)) {
            java.nio.file.Files.copy(in, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        java.nio.file.Files.move(part, inbox.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String token(String base, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/auth/demo-token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("user=" + user))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("demo token for " + user + ": HTTP " + response.statusCode());
        }
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    /**
     * Publishes on the employment queue as the employment services do: with their own broker account (on the
     * embedded broker, the one the hub generated for them), which may send to that queue and nothing else.
     */
    private void publishAsEmploymentServices(String event) throws jakarta.jms.JMSException {
        if (!brokerUrl.equals(org.joinedup.hub.platform.EmbeddedArtemisBroker.url(config.broker().port()))) {
            camel.sendBody("jms:queue:" + config.employment().queue(), event);
            return;
        }
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(brokerUrl);
                jakarta.jms.Connection connection = factory.createConnection(
                        org.joinedup.hub.platform.GeneratedSecrets.EMPLOYMENT_USER,
                        org.joinedup.hub.platform.GeneratedSecrets.of(config.dataDir(),
                                org.joinedup.hub.platform.GeneratedSecrets.BROKER_EMPLOYMENT))) {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(config.employment().queue()))
                    .send(session.createTextMessage(event));
        }
    }

    private static String resource(String path) {
        try (InputStream in = DemoDataLoader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("demo resource " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
