package org.joinedup.hub.value;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import org.jboss.logging.Logger;
import org.joinedup.hub.platform.HubStartup.HubReady;

/** Raises the overdue-review alerts once the hub is ready, then every hour (a review falls due at midnight). */
@ApplicationScoped
public class OverdueReviewsSweep {

    private static final Logger LOG = Logger.getLogger(OverdueReviewsSweep.class);

    @Inject
    OutcomeReviews reviews;

    private ScheduledExecutorService sweeps;

    void start(@Observes HubReady ready) {
        sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "joinedup-overdue-reviews");
            thread.setDaemon(true);
            return thread;
        });
        sweeps.scheduleWithFixedDelay(this::sweep, 0, 1, TimeUnit.HOURS);
    }

    private void sweep() {
        try {
            int raised = reviews.raiseOverdue();
            if (raised > 0) {
                LOG.infof("%d plans are past their review date: an alert is on each case", raised);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not look for overdue plan reviews (tried again in an hour): %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeps != null) {
            sweeps.shutdownNow();
        }
    }
}
