package org.joinedup.hub.nhs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

final class BudgetPushTestSupport {

    private BudgetPushTestSupport() {
    }

    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
