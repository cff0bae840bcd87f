package org.joinedup.hub.assessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.assessment.RasRules;
import org.joinedup.model.assessment.ResourceAllocation;

/**
 * The Resource Allocation System rules the hub runs with: every file of {@code hub.ras.directory}, or the packaged
 * copies of {@code config/ras}. Read at start-up (a rule file with a mistake stops the hub, naming the file and the
 * key) and again on {@link #reload()}; a reload that finds a mistake keeps the rules in use.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RasRulesInUse {

    private static final Logger LOG = Logger.getLogger(RasRulesInUse.class);

    private final HubConfig config;
    private volatile ResourceAllocation rules;

    @Inject
    public RasRulesInUse(HubConfig config) {
        this.config = config;
        this.rules = read();
    }

    public ResourceAllocation rules() {
        return rules;
    }

    /** Reads the rule files again; answers the rules now in use. */
    public ResourceAllocation reload() {
        rules = read();
        return rules;
    }

    private ResourceAllocation read() {
        ResourceAllocation read = new ResourceAllocation(config.ras().directory().map(RasRules::from)
                .orElseGet(RasRules::packaged));
        LOG.infof("RAS rules in use: %s%s", read.version(),
                config.ras().directory().map(d -> " (from " + d + ")").orElse(" (packaged)"));
        return read;
    }
}
