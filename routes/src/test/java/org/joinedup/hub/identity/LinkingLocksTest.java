package org.joinedup.hub.identity;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.hub.inbound.HubErrorPolicy;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * The blocking-key locks that keep two records of one person on two consumers from becoming two people, taken so
 * that two batches never wait for each other: a batch's later link that needs a key sorting before one it holds,
 * while another transaction has that key, does not wait (two batches each holding what the other waits for deadlock,
 * and PostgreSQL ends one after a second); it fails at once with a failure that passes when tried again.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class LinkingLocksTest {

    @Inject
    IdentityLinker linker;

    @Test
    void aKeyOutOfOrderThatAnotherTransactionHoldsFailsAtOnceAndIsTriedAgain() throws Exception {
        String run = UUID.randomUUID().toString();
        String early = "4:a-" + run;
        String late = "4:z-" + run;
        CountDownLatch release = new CountDownLatch(1);
        Thread other = holdInAnotherTransaction(early, release);
        try {
            RuntimeException failed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                    RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                        linker.lockBlocks(List.of(late));
                        linker.lockBlocks(List.of(early)); // sorts before the key it holds: not waited for
                    })));
            assertTrue(HubErrorPolicy.isTransient(failed), "tried again, as a lock is: " + failed);
        } finally {
            release.countDown();
            other.join();
        }
        // once the other has finished, the same two calls go through
        QuarkusTransaction.requiringNew().run(() -> {
            linker.lockBlocks(List.of(late));
            linker.lockBlocks(List.of(early));
        });
    }

    @Test
    void aKeyInOrderWaitsForTheTransactionHoldingIt() throws Exception {
        String run = UUID.randomUUID().toString();
        String first = "4:a-" + run;
        String second = "4:b-" + run;
        CountDownLatch release = new CountDownLatch(1);
        Thread other = holdInAnotherTransaction(second, release);
        long started = System.nanoTime();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        QuarkusTransaction.requiringNew().run(() -> {
            linker.lockBlocks(List.of(first));
            linker.lockBlocks(List.of(second)); // after the key it holds: waits its turn, then has it
        });
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "it waited for the other");
        other.join();
        releaser.join();
    }

    /** A first link that locked no key (a household member named only by id) does not trip the next one. */
    @Test
    void aFirstCallWithNoKeyToLockLeavesTheNextToLockItsKeys() {
        String run = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            linker.lockBlocks(List.of("0:1960-02-03", "nhs:" + run)); // keys that are never locked
            linker.lockBlocks(List.of("4:m-" + run));
            linker.lockBlocks(List.of("4:a-" + run)); // before the one held, free: tried and taken
        });
    }

    /** Another transaction, on a thread of its own, holding this key until {@code release}. */
    private Thread holdInAnotherTransaction(String key, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread other = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            linker.lockBlocks(List.of(key));
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        other.start();
        assertTrue(holding.await(30, TimeUnit.SECONDS), "the other transaction holds " + key);
        return other;
    }
}
