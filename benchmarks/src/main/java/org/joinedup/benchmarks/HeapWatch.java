package org.joinedup.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.tools.attach.VirtualMachine;

/**
 * Watches the heap of the hub's JVM from outside, cheaply: attaches to it (same user, same machine), starts its
 * local JMX agent, and then
 * <ul>
 * <li>is told of every garbage collection (JMX notifications), keeping the largest heap in use <b>after</b> a
 * collection, that is the live data plus what the collector chose to keep: the figure that shows whether memory
 * grows with the work;</li>
 * <li>samples the heap in use every {@code periodMillis} (garbage included), keeping the peak.</li>
 * </ul>
 * The hub process is the one given ({@code --hub-pid}) or the one running {@code quarkus-run.jar} (if several, the
 * one whose command line names the HTTP port of {@code --url}).
 */
final class HeapWatch implements AutoCloseable {

    private static final long MB = 1024 * 1024;

    final long pid;
    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final Set<String> heapPools = new HashSet<>();
    private final List<ObjectName> collectors = new ArrayList<>();
    private final MBeanServerConnection server;
    private final NotificationListener listener;
    private final Thread sampler;
    private volatile boolean running = true;

    final long maxHeap;
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong lastAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private volatile long lastUsed;
    private final long cpuAtStart;

    private HeapWatch(long pid, JMXConnector connector, int periodMillis) throws Exception {
        this.pid = pid;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        this.maxHeap = memory.getHeapMemoryUsage().getMax();
        this.cpuAtStart = cpuNanos();
        this.lastUsed = memory.getHeapMemoryUsage().getUsed();
        this.peakUsed.set(lastUsed);
        this.lastAfterGc.set(-1);
        this.listener = this::collected;
        for (ObjectName gc : server.queryNames(
                new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            server.addNotificationListener(gc, listener, null, null);
            collectors.add(gc);
        }
        this.sampler = new Thread(() -> {
            while (running) {
                try {
                    long used = memory.getHeapMemoryUsage().getUsed();
                    lastUsed = used;
                    peakUsed.accumulateAndGet(used, Math::max);
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (running) {
                        System.err.println("heap watch: " + e);
                    }
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Attaches to the hub; empty (with the reason printed) when that is not possible. */
    static Optional<HeapWatch> start(long pidOption, String url, int periodMillis) {
        long pid = pidOption > 0 ? pidOption : findHub(url);
        if (pid <= 0) {
            System.out.println("  heap: no hub process found (give --hub-pid=<pid>); the hub's heap is not watched");
            return Optional.empty();
        }
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return Optional.of(new HeapWatch(pid, connector, periodMillis));
        } catch (Exception | LinkageError e) {
            System.out.println("  heap: could not attach to process " + pid + " (" + e + "); not watched");
            return Optional.empty();
        }
    }

    /** The process running quarkus-run.jar; with several, the one naming the port of {@code url}. */
    static long findHub(String url) {
        int port = HttpConnection.Endpoint.of(url).port();
        List<ProcessHandle> hubs = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false))
                .toList();
        if (hubs.size() == 1) {
            return hubs.get(0).pid();
        }
        List<ProcessHandle> onPort = hubs.stream()
                .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus.http.port=" + port)).orElse(false))
                .toList();
        if (onPort.size() == 1) {
            return onPort.get(0).pid();
        }
        if (hubs.size() > 1) {
            System.out.println("  heap: " + hubs.size() + " processes run quarkus-run.jar ("
                    + hubs.stream().map(p -> Long.toString(p.pid())).toList() + "); give --hub-pid");
        }
        return -1;
    }

    private void collected(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        if (info.getGcAction().contains("end of")) { // pauses; G1's concurrent cycle reports too, no heap change
            collections.incrementAndGet();
            gcMillis.addAndGet(info.getGcInfo().getDuration());
        }
        lastAfterGc.set(after);
        peakAfterGc.accumulateAndGet(after, Math::max);
    }

    /** Starts the peaks afresh (for example after the load generator's own preparation). */
    void reset() {
        peakUsed.set(lastUsed);
        peakAfterGc.set(0);
        collections.set(0);
        gcMillis.set(0);
    }

    long lastUsed() {
        return lastUsed;
    }

    long lastAfterGc() {
        return lastAfterGc.get();
    }

    long peakUsed() {
        return peakUsed.get();
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    long collections() {
        return collections.get();
    }

    long gcMillis() {
        return gcMillis.get();
    }

    /** The hub process' CPU time since the watch started (user + system, all its threads). */
    Duration cpu() {
        long now = cpuNanos();
        return now < 0 || cpuAtStart < 0 ? Duration.ZERO : Duration.ofNanos(now - cpuAtStart);
    }

    private long cpuNanos() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /** The hub's resident memory (VmRSS), or -1. */
    long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d MB", Math.round(bytes / (double) MB));
    }

    String summary() {
        return String.format(Locale.ROOT, "peak used %s (garbage included), peak after GC %s, max %s; %,d GC pauses"
                + " (%,d ms); RSS now %s", mb(peakUsed()), mb(peakAfterGc()), mb(maxHeap), collections(), gcMillis(),
                mb(rss()));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (ObjectName gc : collectors) {
            try {
                server.removeNotificationListener(gc, listener);
            } catch (Exception ignored) {
                // the hub may be gone
            }
        }
        try {
            connector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
