package org.joinedup.hub.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.value.ProviderDirectory;
import org.joinedup.hub.value.ProvidersResource;

/**
 * {@code /app/providers}: the provider directory as the API gives it ({@code GET /api/providers}), so a coordinator
 * helping a person choose sees what others buy from each provider, how budget holders rate them and their CQC rating.
 */
@Path(ProvidersPage.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.OPERATOR })
public class ProvidersPage {

    public static final String PATH = "/app/providers";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance providers(Chrome chrome, List<ProviderDirectory.Provider> providers,
                int fewestShown);
    }

    @Inject
    ProvidersResource directory;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance page() {
        return Templates.providers(pages.chrome("Providers", PATH), directory.providers(),
                ProviderDirectory.FEWEST_SHOWN);
    }
}
