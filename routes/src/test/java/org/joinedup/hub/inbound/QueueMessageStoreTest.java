package org.joinedup.hub.inbound;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.camel.ConsumerTemplate;
import org.joinedup.hub.support.DeadLetterQueue;
import org.apache.camel.ProducerTemplate;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/** A message sent through the embedded broker arrives on the agency's queue and is stored, once. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class QueueMessageStoreTest {

    @Inject
    ProducerTemplate camel;

    @Inject
    ConsumerTemplate consumer;

    @ConfigProperty(name = "hub.broker.port")
    int brokerPort;

    @ConfigProperty(name = "hub.data-dir")
    java.nio.file.Path dataDir;

    private String employmentPassword() {
        return org.joinedup.hub.platform.GeneratedSecrets.of(dataDir,
                org.joinedup.hub.platform.GeneratedSecrets.BROKER_EMPLOYMENT);
    }

    @Test
    void aQueuedMessageIsStoredAndItsRedeliveryIsRecognised() {
        String messageId = UUID.randomUUID().toString();
        String event = """
                {"messageId": "%s", "type": "REFERRAL_CREATED", "occurredAt": "2026-11-20T09:41:07Z",
                 "person": {"nino": "QQ123456C", "forename": "David", "surname": "Hughes"},
                 "referral": {"referralId": "R-1", "programme": "Restart", "adviser": "A. Khan"}}"""
                .formatted(messageId);

        camel.sendBody("jms:queue:agency.employment.in", event);

        Map<String, Object> stored = await().atMost(Duration.ofSeconds(30)).until(
                () -> employmentMessageWithId(messageId), m -> m != null);
        assertEquals("QUEUE", stored.get("transport"));
        assertEquals("agency.employment.in", stored.get("sender"));
        String payload = given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages/" + stored.get("id")).then().statusCode(200)
                .extract().path("payload");
        assertEquals(event, payload);

        camel.sendBody("jms:queue:agency.employment.in", event);

        await().atMost(Duration.ofSeconds(30)).until(
                () -> ((Number) employmentMessageWithId(messageId).get("repeats")).intValue() == 1);
        assertEquals("APPLIED", employmentMessageWithId(messageId).get("status"));
        long copies = messages().stream().filter(m -> messageId.equals(m.get("agencyMessageId"))).count();
        assertEquals(1, copies, "a redelivered message is stored once");
    }

    @Test
    void anAgencyConnectingWithAmqpReachesTheSameQueue() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String event = referral(messageId);
        JmsConnectionFactory amqp = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort);
        try (jakarta.jms.Connection connection = amqp.createConnection("employment", employmentPassword())) {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("agency.employment.in"))
                    .send(session.createTextMessage(event));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> employmentMessageWithId(messageId),
                m -> m != null && "APPLIED".equals(m.get("status")));
    }

    @Test
    void theBrokerRefusesAConnectionWithoutCredentials() {
        JmsConnectionFactory amqp = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort);
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.JMSSecurityException.class, () -> {
            try (jakarta.jms.Connection connection = amqp.createConnection()) {
                connection.start();
            }
        });
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.JMSSecurityException.class, () -> {
            try (jakarta.jms.Connection connection = amqp.createConnection("employment", "guessed")) {
                connection.start();
            }
        });
    }

    @Test
    void theEmploymentServicesMaySendOnlyToTheirOwnQueue() throws Exception {
        JmsConnectionFactory amqp = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerPort);
        try (jakarta.jms.Connection connection = amqp.createConnection("employment", employmentPassword())) {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            // the hub's internal queue of council events, and reading their own queue, are not theirs
            org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.JMSSecurityException.class, () -> session
                    .createProducer(session.createQueue("hub.social-care.apply"))
                    .send(session.createTextMessage("{}")));
            org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.JMSSecurityException.class, () -> session
                    .createConsumer(session.createQueue("agency.employment.in")));
        }
    }

    @Test
    void aMessageThatCannotBeStoredEndsOnTheDeadLetterQueueAndTheConsumerCarriesOn() {
        String poison = "{\"messageId\": \"" + UUID.randomUUID() + "\", \"note\": \"NUL \u0000 in the text\"}";
        String after = UUID.randomUUID().toString();

        camel.sendBody("jms:queue:agency.employment.in", poison);
        camel.sendBody("jms:queue:agency.employment.in", referral(after));

        await().atMost(Duration.ofSeconds(30)).until(() -> employmentMessageWithId(after), m -> m != null);
        String dead = DeadLetterQueue.take(consumer, poison, Duration.ofSeconds(60)).getMessage()
                .getBody(String.class);
        assertEquals(poison, dead, "the message PostgreSQL refused is kept on the dead-letter queue, not dropped");
    }

    static String referral(String messageId) {
        return """
                {"messageId": "%s", "type": "REFERRAL_CREATED", "occurredAt": "2026-11-20T09:41:07Z",
                 "person": {"nino": "JH405821D", "forename": "David", "surname": "Hughes"},
                 "referral": {"referralId": "R-1", "programme": "Restart", "adviser": "A. Khan"}}"""
                .formatted(messageId);
    }

    private static Map<String, Object> employmentMessageWithId(String messageId) {
        return messages().stream().filter(m -> messageId.equals(m.get("agencyMessageId"))).findFirst().orElse(null);
    }

    private static List<Map<String, Object>> messages() {
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=EMPLOYMENT&limit=1000").then().statusCode(200)
                .extract().asString()).getList("$");
    }
}
