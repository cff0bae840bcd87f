package org.joinedup.hub.fuzz;

import java.util.ArrayList;
import java.util.List;

/** How much of a corpus a run takes: a fixed share in the normal build, all of it with {@code -Dfuzz.all=true}. */
final class Corpus {

    private Corpus() {
    }

    /** Every mutation with {@code -Dfuzz.all=true}; otherwise the same {@code percent} of them every run. */
    static <T> List<T> share(List<T> all, int percent) {
        if (Boolean.getBoolean("fuzz.all")) {
            return all;
        }
        List<T> taken = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i * percent % 100 < percent) {
                taken.add(all.get(i));
            }
        }
        return taken;
    }
}
