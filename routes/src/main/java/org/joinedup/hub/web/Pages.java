package org.joinedup.hub.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import org.joinedup.hub.security.Caller;

/** The frame of each page for the person signed in: title, navigation by role, CSRF token. */
@ApplicationScoped
public class Pages {

    public static final String CASELOAD = "/app/caseload";
    public static final String APPROVALS = "/app/approvals";
    public static final String MESSAGES = "/app/operations/messages";

    @Inject
    SecurityIdentity identity;

    public Chrome chrome(String title, String currentHref) {
        WebSessions.SignedIn who = identity.getAttribute(WebSessionIdentityProvider.SESSION);
        List<Chrome.NavItem> nav = new ArrayList<>();
        if (who != null) {
            for (String[] item : items()) {
                nav.add(new Chrome.NavItem(item[0], item[1], item[1].equals(currentHref)));
            }
        }
        return new Chrome(title, who, nav, who == null ? null : who.csrfToken());
    }

    /** A page as the answer, with this status. */
    public static jakarta.ws.rs.core.Response html(int status, io.quarkus.qute.TemplateInstance page) {
        return jakarta.ws.rs.core.Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    /** Where a person with these roles lands after signing in: the first page their roles open. */
    public static String home(Set<String> roles) {
        List<String[]> items = items(roles);
        return items.isEmpty() ? ErrorPages.NOTHING_HERE : items.get(0)[1];
    }

    private List<String[]> items() {
        return items(identity.getRoles());
    }

    private static List<String[]> items(Set<String> roles) {
        List<String[]> items = new ArrayList<>();
        if (roles.contains(Caller.COORDINATOR)) {
            items.add(new String[] { "Caseload", CASELOAD });
        }
        if (roles.contains(Caller.COUNCIL) || roles.contains(Caller.TRUST) || roles.contains(Caller.FUNDER)) {
            items.add(new String[] { "Approvals", APPROVALS });
        }
        if (roles.contains(Caller.OPERATOR)) {
            items.add(new String[] { "Messages", MESSAGES });
        }
        if (roles.contains(Caller.COORDINATOR) || roles.contains(Caller.OPERATOR)) {
            items.add(new String[] { "Identity reviews", IdentityReviewsPage.PATH });
        }
        if (roles.contains(Caller.COORDINATOR) || roles.contains(Caller.COUNCIL) || roles.contains(Caller.OPERATOR)) {
            items.add(new String[] { "Value report", ValueReportPage.PATH });
            items.add(new String[] { "Providers", ProvidersPage.PATH });
        }
        return items;
    }

    /** The JSON API's refusal in sentences: its problems one by one, or its error, or {@code fallback}. */
    @SuppressWarnings("unchecked")
    static java.util.List<String> problems(jakarta.ws.rs.core.Response answer, String fallback) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (answer.getEntity() instanceof java.util.Map<?, ?> map) {
            if (map.get("problems") instanceof java.util.List<?> list) {
                list.forEach(p -> problems.add(String.valueOf(((java.util.Map<String, Object>) p).get("reason"))));
            }
            if (map.get("error") != null) {
                problems.add(String.valueOf(map.get("error")));
            }
        }
        return problems.isEmpty() ? java.util.List.of(fallback + " (" + answer.getStatus() + ")") : problems;
    }
}
