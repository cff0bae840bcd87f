package org.joinedup.hub.platform;

import java.util.Map;
import java.util.Set;

import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns off Quarkus's own check of request addresses (an empty {@code 400} for the unencoded {@code |} of FHIR
 * searches) so that {@link RequestTargets} checks them instead. Quarkus reads the switch, a system property, once,
 * as its HTTP layer loads; a configuration source is loaded before that, whether the hub runs from its jar or in
 * tests, so this one sets it (and holds no configuration).
 */
@io.quarkus.runtime.annotations.StaticInitSafe
public class RequestTargetCheck extends MapBackedConfigSource {

    static {
        System.setProperty(RequestTargets.QUARKUS_CHECK_OFF, "true");
    }

    public RequestTargetCheck() {
        super("joinedup-request-target-check", Map.of(), Integer.MIN_VALUE + 1);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }
}
