package org.joinedup.hub.platform;

import java.nio.file.Path;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An in-process ActiveMQ Artemis broker with a persistent journal, one acceptor for every protocol (so CORE and
 * AMQP 1.0 clients both connect) on localhost, and a dead-letter queue for messages that keep failing. Every
 * connection authenticates; the hub's account may do everything, the employment services' account only send to
 * their queue (the hub's internal queues are the hub's alone).
 */
public final class EmbeddedArtemisBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;

    private EmbeddedArtemisBroker(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    /** Who may connect and what each may do: the hub everything; an agency only send to its own queue. */
    public record Accounts(String hubUser, String hubPassword, String employmentUser, String employmentPassword,
            String employmentQueue) {
    }

    public static EmbeddedArtemisBroker start(Path dataDirectory, int port, String deadLetterQueue,
            int maxDeliveryAttempts, Accounts accounts) {
        PortCheck.requireFree(port, "hub.broker.port", "the embedded Artemis broker");
        try {
            Configuration configuration = new ConfigurationImpl()
                    .setName("joinedup-embedded")
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(true)
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
            // the dead-letter and expiry queues exist from the start: a message dead-lettered before anything had
            // touched the dead-letter address would otherwise find no queue there and be dropped
            for (String queue : new String[] { deadLetterQueue, "ExpiryQueue" }) {
                configuration.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration.of(queue)
                        .setAddress(queue).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST)
                        .setDurable(true));
            }
            // (name, send, consume, create/delete durable queue, create/delete non-durable queue, manage, browse,
            // create/delete address, view, edit)
            Role hub = new Role("hub", true, true, true, true, true, true, true, true, true, true, true, true);
            Role employment = new Role("employment", true, false, false, false, false, false, false, false, false,
                    false, false, false);
            configuration.putSecurityRoles("#", Set.of(hub));
            configuration.putSecurityRoles(accounts.employmentQueue(), Set.of(hub, employment));
            ActiveMQSecurityManagerImpl security = new ActiveMQSecurityManagerImpl();
            security.getConfiguration().addUser(accounts.hubUser(), accounts.hubPassword());
            security.getConfiguration().addRole(accounts.hubUser(), "hub");
            security.getConfiguration().addUser(accounts.employmentUser(), accounts.employmentPassword());
            security.getConfiguration().addRole(accounts.employmentUser(), "employment");
            EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration)
                    .setSecurityManager(security);
            broker.start();
            var acceptor = broker.getActiveMQServer().getRemotingService().getAcceptor("all-protocols");
            if (acceptor == null || !acceptor.isStarted()) {
                broker.stop();
                throw new IllegalStateException("its acceptor did not start on port " + port + "; give this hub a"
                        + " free port with hub.broker.port (environment HUB_BROKER_PORT)");
            }
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
