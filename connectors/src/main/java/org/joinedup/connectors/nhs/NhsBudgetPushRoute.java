package org.joinedup.connectors.nhs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.builder.RouteBuilder;
import org.joinedup.connectors.HubEndpoints;
import org.joinedup.connectors.HubHeaders;

/**
 * NHS trusts and ICBs push continuing-care budgets as FHIR transactions (see the NHS FHIR R4 format). The hub's
 * FHIR endpoint stores each transaction in the message store and sends the parsed Bundle here.
 */
@ApplicationScoped
public class NhsBudgetPushRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:nhs-budget-push";
    public static final String ROUTE_ID = "nhs-budget-push";
    public static final String APPLY_NODE = "nhs-budget-apply";
    static final String TRANSACTION = "JoinedUpBudgetTransaction";

    @Inject
    NhsBudgetBundleReader reader;

    @Inject
    BudgetOwnerCheck ownerCheck;

    @Inject
    NhsBudgetResponseWriter responseWriter;

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .bean(reader, "read(${body})")
                .setProperty(TRANSACTION, body())
                .bean(ownerCheck, "check(${body}, ${header." + HubHeaders.CALLER_AGENCY + "})")
                .to(HubEndpoints.APPLY_BUDGET_TRANSACTION).id(APPLY_NODE)
                .bean(responseWriter, "write(${exchangeProperty." + TRANSACTION + "}, ${body})");
    }
}
