package org.joinedup.hub.packaged;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.joinedup.hub.support.HubTestResource;

/**
 * The packaged hub ({@code quarkus-run.jar}) run as a separate process, the way a deployer runs it, on free ports
 * and its own data directory.
 */
final class HubProcess implements AutoCloseable {

    final Path dataDir;
    final int httpPort;
    final int dbPort;
    final int brokerPort;
    final Path log;
    private Process process;
    long startMillis;

    HubProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.httpPort = HubTestResource.freePort();
        this.dbPort = HubTestResource.freePort();
        this.brokerPort = HubTestResource.freePort();
        this.log = Files.createTempFile("joinedup-hub-", ".log");
    }

    HubProcess start(String... options) throws IOException {
        String runner = System.getProperty("hub.runner", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + httpPort,
                "-Dhub.db.embedded-port=" + dbPort,
                "-Dhub.broker.port=" + brokerPort,
                "-Dhub.data-dir=" + dataDir,
                // the demo family alone: these tests count its messages and money (DemoCohortTest has the cohort)
                "-Dhub.demo.cohort=false"));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", runner));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_JWT")
                || k.startsWith("HUB_"));
        startMillis = System.currentTimeMillis();
        process = builder.start();
        return this;
    }

    String base() {
        return "http://localhost:" + httpPort;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the log shows {@code text}, failing early if the process exits. */
    void awaitLog(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited (" + process.exitValue() + ") before '" + text + "':\n" + log());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + log());
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the hub did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** Resident memory of the hub's JVM in MiB, read from /proc (Linux). */
    long residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String token, String json) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String token(String user) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base() + "/auth/demo-token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("user=" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    /**
     * Crashes the hub: SIGKILL to its JVM and to its embedded PostgreSQL's postmaster (named in the data directory's
     * postmaster.pid), as a power cut would, with no chance to flush or shut down.
     */
    void crash() throws Exception {
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        long postmaster = Files.exists(pid) ? Long.parseLong(Files.readAllLines(pid).get(0).trim()) : -1;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        if (postmaster > 0) {
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().join());
        }
    }

    /** Kills the hub's JVM alone (SIGKILL), leaving its embedded PostgreSQL running, as a killed process does. */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the hub as an operator would (SIGTERM) and waits for a clean exit. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
