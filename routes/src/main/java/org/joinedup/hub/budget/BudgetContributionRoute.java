package org.joinedup.hub.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;
import org.joinedup.connectors.HubHeaders;

/** Budgets pushed by NHS bodies become contributions to a person's pooled budget. */
@ApplicationScoped
public class BudgetContributionRoute extends RouteBuilder {

    public static final String ROUTE_ID = "budget-contribution-apply";

    @Inject
    BudgetTransactionApplier applier;

    @Override
    public void configure() {
        from(HubEndpoints.APPLY_BUDGET_TRANSACTION).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .bean(applier, "apply(${body}, ${header." + HubHeaders.MESSAGE_ID + "}, ${header." + HubHeaders.CALLER + "})");
    }
}
