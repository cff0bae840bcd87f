package org.joinedup.hub.fhir;

import java.util.List;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A search's answer one page at a time, by {@code _count} and {@code _offset}: the page asked for, the total, and
 * (from HAPI) {@code next} and {@code previous} links that run the search again for whoever follows them, so each
 * page passes the access decision afresh (nothing found for one caller is kept for another). Without {@code _count},
 * every match in one page, as before.
 */
final class SearchPages {

    /** The most a page holds, whatever {@code _count} asks. */
    static final int LARGEST = 500;

    private SearchPages() {
    }

    static IBundleProvider of(List<? extends IBaseResource> all, Integer offset, Integer count) {
        if ((offset != null && offset < 0) || (count != null && count < 0)) {
            throw new InvalidRequestException("_count and _offset are whole numbers, 0 or more");
        }
        if (count == null) {
            return new SimpleBundleProvider(all);
        }
        int size = Math.min(count, LARGEST);
        int from = offset == null ? 0 : Math.min(offset, all.size());
        SimpleBundleProvider page = new SimpleBundleProvider(all.subList(from, Math.min(all.size(), from + size)));
        page.setCurrentPageOffset(from);
        page.setCurrentPageSize(size);
        page.setSize(all.size());
        return page;
    }
}
