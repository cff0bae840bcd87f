package org.joinedup.hub.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.identity.LinkDecider;
import org.joinedup.model.identity.MatchModel;

/**
 * The matching model the hub runs with: {@code hub.identity.model-file} when set (a deployer's copy of
 * {@code config/identity-matching.properties}), else the packaged default. Read once at start-up; a file that is
 * missing a key or holds a nonsense number stops the hub with the key named.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class IdentityModel {

    private static final Logger LOG = Logger.getLogger(IdentityModel.class);

    private final MatchModel model;
    private final LinkDecider decider;

    @Inject
    public IdentityModel(HubConfig config) {
        this.model = config.identity().modelFile().map(IdentityModel::load).orElseGet(MatchModel::defaults);
        this.decider = new LinkDecider(model);
        LOG.infof("identity matching: link at match weight >= %.1f, review from %.1f, blocking %s%s",
                model.linkThreshold(), model.reviewThreshold(), model.blockingRules(),
                config.identity().modelFile().map(f -> " (weights from " + f + ")").orElse(" (packaged weights)"));
    }

    private static MatchModel load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return MatchModel.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity model " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public MatchModel model() {
        return model;
    }

    public LinkDecider decider() {
        return decider;
    }
}
