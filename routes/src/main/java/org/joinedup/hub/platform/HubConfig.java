package org.joinedup.hub.platform;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The hub's own settings ({@code hub.*}); Quarkus' and Camel's are under their own prefixes. */
@ConfigMapping(prefix = "hub")
public interface HubConfig {

    /** Where embedded servers keep their data and where file inboxes live ({@code HUB_DATA_DIR}). */
    @WithDefault("./data")
    Path dataDir();

    Db db();

    Broker broker();

    Auth auth();

    Demo demo();

    Employment employment();

    Inbound inbound();

    SocialCare socialCare();

    Housing housing();

    Cases cases();

    Benefits benefits();

    Identity identity();

    Ras ras();

    Equity equity();

    Plans plans();

    Access access();

    Web web();

    interface Web {
        /** A signed-in browser with no request for this long is signed out. */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /** A sign-in lasts at most this long, however busy. */
        @WithDefault("PT10H")
        Duration sessionLifetime();

        /**
         * The session cookie's {@code Secure} flag. Browsers accept secure cookies from {@code http://localhost}, so
         * only a deployment reached over plain HTTP by another name needs to turn it off (and should not exist).
         */
        @WithDefault("true")
        boolean secureCookies();

        /**
         * Sign-in to the web app through the organisation's identity provider (OpenID Connect authorization-code
         * flow, {@code /app/oidc/sign-in}); needs {@code quarkus.oidc.auth-server-url}, {@code client-id} and
         * {@code credentials.secret}. The ID token's {@code groups} claim gives the roles and its {@code agency}
         * claim the organisation, as the API's bearer tokens do.
         */
        @WithDefault("false")
        boolean organisationSignIn();
    }

    interface Db {
        /** Port of the embedded PostgreSQL, used only when no external database is configured. */
        @WithDefault("55432")
        int embeddedPort();
    }

    interface Broker {
        /** Port of the embedded broker's one acceptor (CORE and AMQP 1.0). */
        @WithDefault("61616")
        int port();

        @WithDefault("DLQ")
        String deadLetterQueue();

        @WithDefault("5")
        int maxDeliveryAttempts();

        /** Consumers per queue the hub reads, applying in parallel ({@code camel.component.jms.concurrent-consumers}). */
        @WithDefault("4")
        int consumers();

        /** At most this many messages a queue consumer takes off together, stores and applies in one transaction. */
        @WithDefault("200")
        int batchSize();
    }

    interface Auth {
        /** Demo users and {@code POST /auth/demo-token}: true only in the demo, dev and test profiles. */
        @WithDefault("false")
        boolean demoUsersEnabled();

        /** Issuer of the hub's own demo tokens. */
        String demoIssuer();
    }

    interface Demo {
        /** Push the demo family's data through the real connectors on first start. */
        @WithDefault("false")
        boolean loadData();

        /**
         * With the demo family, a cohort of the council's other people who moved from traditional services to a
         * personal budget, each with a plan and its review ({@link org.joinedup.hub.demo.DemoCohort}).
         */
        @WithDefault("false")
        boolean cohort();
    }

    interface Employment {
        /** The queue employment services publish on (fixed by their interface). */
        @WithDefault("agency.employment.in")
        String queue();

        /** Internal: events a batch could not read or apply, taken from here one by one. */
        @WithDefault("hub.employment.one-by-one")
        String oneByOneQueue();
    }

    interface Inbound {
        /**
         * How long the same content from the same sender, without a message id of its own, counts as a repeat (a
         * retry after a timeout). Later, the same content is a new message.
         */
        @WithDefault("PT24H")
        Duration repeatWindow();
    }

    interface SocialCare {
        /** Internal queue of accepted council events waiting to be applied. */
        @WithDefault("hub.social-care.apply")
        String applyQueue();

        /** Internal: council events a batch could not apply, taken from here one by one. */
        @WithDefault("hub.social-care.apply.one-by-one")
        String oneByOneQueue();
    }

    interface Housing {
        /** Where housing providers drop their nightly tenancy snapshots. */
        Path inbox();

        /**
         * The housing providers whose snapshots this inbox takes (their codes; {@code CODE*} for every code starting
         * so); a file from any other is refused whole.
         */
        @WithDefault("OLDHAMHSG")
        java.util.List<String> providers();

        /** Rent arrears above this many pence raise an alert. */
        @WithDefault("50000")
        long arrearsAlertPence();

        /** Seconds a snapshot may take to apply (one transaction: all or nothing). */
        @WithDefault("3600")
        int applyTimeout();
    }

    interface Cases {
        /** The coordinator a newly formed family case is assigned to. */
        @WithDefault("coordinator")
        String defaultCoordinator();

        /**
         * The organisation (a council's GSS code) whose coordinators hold newly formed cases: it has a legitimate
         * relationship with every member.
         */
        @WithDefault("E08000004")
        String defaultOrganisation();

        /**
         * The most people household links and shared tenancies may join into one family. Links that would chain into
         * a bigger one (a hostel, a shared address, a chain of links) merge nothing: the person is flagged to their
         * coordinator, who decides who belongs together.
         */
        @WithDefault("12")
        int maxFamilySize();
    }

    interface Plans {
        /** The most a coordinator may pay once, before a plan is approved (pence). */
        @WithDefault("25000")
        long oneOffLimitPence();

        /** Spending is compared with the plan once a line has been approved this many months. */
        @WithDefault("3")
        int spendCheckMonths();

        /** How far (percent) spending may be above or below plan before the case gets an alert. */
        @WithDefault("50")
        int spendTolerancePercent();

        /** A person moves a plan line to another provider once this many days have passed since they gave notice. */
        @WithDefault("28")
        int switchNoticeDays();
    }

    interface Ras {
        /**
         * A directory of RAS rule files (*.properties, one per funding body; see config/ras/README.md); the packaged
         * copies of config/ras when not set.
         */
        java.util.Optional<Path> directory();
    }

    interface Equity {
        /**
         * A directory of population tables for the equity report, one {@code <GSS code>.csv} per council (see
         * config/equity); the packaged copies of config/equity when not set.
         */
        java.util.Optional<Path> populationDirectory();
    }

    interface Identity {
        /**
         * A weights file for identity matching (a copy of config/identity-matching.properties); the packaged
         * defaults when not set.
         */
        java.util.Optional<Path> modelFile();
    }

    interface Benefits {
        /** Where the benefits agency drops its monthly award files. */
        Path inbox();

        /** The councils (GSS codes, {@code CODE*} for a prefix) whose benefits files this inbox takes. */
        @WithDefault("E08000004")
        java.util.List<String> councils();

        /** Seconds a monthly file may take to apply (one transaction: all or nothing). */
        @WithDefault("3600")
        int applyTimeout();
    }

    interface Access {
        /** A deployer's sharing agreement (a copy of config/sharing/sharing-agreement.properties); the packaged one when not set. */
        java.util.Optional<Path> sharingAgreement();

        /** A deployer's organisation directory (a copy of config/sharing/organisations.properties). */
        java.util.Optional<Path> organisations();

        /** A deployer's payment arrangements (a copy of config/sharing/payment-arrangements.properties). */
        java.util.Optional<Path> paymentArrangements();

        /**
         * For measuring what access control costs, and nothing else: every request is permitted in full and nothing
         * is audited. The hub refuses to start with it outside the demo, dev and test profiles.
         */
        @WithDefault("false")
        boolean benchmarkBypass();

        /** How long a break-glass opening lasts at most. */
        @WithDefault("PT4H")
        Duration breakGlassDuration();

        /**
         * The token claim that names the caller's organisation; a production identity provider may use another
         * (for example {@code org_code}).
         */
        @WithDefault("agency")
        String organisationClaim();
    }
}
