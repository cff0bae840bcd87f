package org.joinedup.hub.platform;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An in-process ActiveMQ Artemis broker with a persistent journal, one acceptor for every protocol (so CORE and
 * AMQP 1.0 clients both connect) on localhost, and a dead-letter queue for messages that keep failing.
 */
public final class EmbeddedArtemisBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;

    private EmbeddedArtemisBroker(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    public static EmbeddedArtemisBroker start(Path dataDirectory, int port, String deadLetterQueue,
            int maxDeliveryAttempts) {
        try {
            Configuration configuration = new ConfigurationImpl()
                    .setName("joinedup-embedded")
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJournalDirectory(dataDirectory.resolve("journal").toString())
                    .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                    .setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString())
                    .setPagingDirectory(dataDirectory.resolve("paging").toString())
                    .setJMXManagementEnabled(false);
            configuration.addAcceptorConfiguration("all-protocols", "tcp://127.0.0.1:" + port);
            configuration.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(deadLetterQueue))
                    .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                    .setMaxDeliveryAttempts(maxDeliveryAttempts)
                    .setRedeliveryDelay(500)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(10_000)
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true)
                    .setAutoCreateDeadLetterResources(false));
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
            broker.start();
            return new EmbeddedArtemisBroker(broker);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Artemis broker in " + dataDirectory
                    + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    public static String url(int port) {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded broker", e);
        }
    }
}
